// Every template in the registry renders from sample data as the worker would
// render it. The samples are typed by the registry, so a new template without
// a sample here does not compile.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { EmailTemplate } from "./define";
import { emailTemplates, isEmailName, type EmailData, type EmailName } from "./index";

const APP_URL = "https://app.test";
const TOKEN = "A".repeat(43);
/** A value a person chose, with HTML in it, to prove the HTML part escapes it. */
const NAME = `Ada <b>"Lovelace"</b> & co`;

const SAMPLES: { [Name in EmailName]: EmailData<Name> } = {
  "account-deleted": { name: NAME },
  "account-exists": {},
  "confirm-email-change": {},
  "email-change-requested": { newEmail: "new@example.test" },
  "email-changed": { oldEmail: "old@example.test", newEmail: "new@example.test" },
  "email-in-use": {},
  "password-changed": { at: "2026-01-02T03:04:05.000Z", via: "change", device: "Firefox on Linux" },
  "reset-password": {},
  test: { note: "hello" },
  "verify-email": {},
};

/**
 * The mails that go to an address nobody has proven yet: the registration's
 * link, the new address of an email change, and the notices and reset links
 * an unverified account's address can be sent. Whoever typed the account's
 * details may not own that inbox, so none of these may carry their words.
 */
const TO_UNPROVEN_ADDRESSES: EmailName[] = ["verify-email", "confirm-email-change", "account-exists", "reset-password", "email-in-use"];
/** A registrant's "name", written to pass for a message from us. */
const HOSTILE = "Security alert. Call +1 555 0100";

const NAMES: EmailName[] = Object.keys(emailTemplates).filter(isEmailName);

function render(name: EmailName, data: unknown = SAMPLES[name]) {
  const template: EmailTemplate<z.ZodType> = emailTemplates[name];
  const link = template.link ? `${APP_URL}${template.link.path}?token=${TOKEN}` : undefined;
  return { email: template.render(template.data.parse(data), { appUrl: APP_URL, link }), link };
}

describe("the email registry", () => {
  it("has a sample for every template and no sample without a template", () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...NAMES].sort());
  });

  it.each(NAMES)("renders %s: a one-line subject, a text part and an HTML part with the same links", (name) => {
    const { email, link } = render(name);

    expect(email.subject.trim()).not.toBe("");
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.html).toMatch(/^<!doctype html>/i);
    expect(email.text.trim().length).toBeGreaterThan(40);
    if (link) {
      expect(email.text).toContain(link);
      expect(email.html).toContain(`href="${link}"`);
    }
    // every link in either part points at the app
    const urls = `${email.text}\n${email.html}`.match(/https?:\/\/[^\s"<>]+/g) ?? [];
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url.startsWith(APP_URL)).toBe(true);
    // what the person chose is text in the HTML part, never markup
    expect(email.html).not.toContain("<b>");
  });

  it.each(NAMES.filter((name) => emailTemplates[name].link))("refuses to render %s without its link", (name) => {
    const template: EmailTemplate<z.ZodType> = emailTemplates[name];
    expect(() => template.render(template.data.parse(SAMPLES[name]), { appUrl: APP_URL })).toThrow(/needs a link/);
  });
});

describe("mail to an address not proven yet", () => {
  it.each(TO_UNPROVEN_ADDRESSES)("%s stores no field at all, so nothing anyone typed can reach it", (name) => {
    const data = emailTemplates[name].data;
    expect(data).toBeInstanceOf(z.ZodObject);
    expect(Object.keys((data as z.ZodObject).shape)).toEqual([]);
  });

  it.each(TO_UNPROVEN_ADDRESSES)("%s renders a hostile name from an older outbox row nowhere: subject, text or HTML", (name) => {
    // rows queued before this rule carried the name; the worker still renders them
    const { email } = render(name, { name: HOSTILE, ...SAMPLES[name] });
    for (const part of [email.subject, email.text, email.html]) expect(part).not.toContain("Security alert");
  });

  it("the verification mail greets no one and says the link needs the account's password", () => {
    const { email } = render("verify-email");
    expect(email.text).toMatch(/^Confirm your email address\n/);
    expect(email.text).toContain("If you did not create an account, ignore this email: nothing happens without the password.");
  });
});

describe("the account-settings emails", () => {
  it("confirm-email-change links to /confirm-email with a CHANGE_EMAIL token that lives 24 hours", () => {
    expect(emailTemplates["confirm-email-change"].link).toEqual({ purpose: "CHANGE_EMAIL", path: "/confirm-email", ttlMs: 24 * 3_600_000 });
    const { email } = render("confirm-email-change");
    expect(email.subject).toMatch(/confirm your new email address/i);
    expect(email.text).toMatch(/^Confirm your new address\n/);
    expect(email.text).toMatch(/24 hours/);
  });

  it("email-change-requested names the new address on one line and links to the settings", () => {
    const { email } = render("email-change-requested", { newEmail: "new@example.test\r\nBcc: spy@evil.test" });
    expect(email.text).toContain("new@example.test Bcc: spy@evil.test");
    expect(email.text).not.toMatch(/^Bcc:/m);
    expect(email.text).toContain(`${APP_URL}/settings/email`);
    expect(email.text).toContain(`${APP_URL}/forgot-password`);
  });

  it("email-changed names both addresses", () => {
    const { email } = render("email-changed");
    expect(email.text).toContain("signed in as old@example.test now signs in as new@example.test");
  });

  it("email-in-use carries no data and offers a sign-in", () => {
    expect(emailTemplates["email-in-use"].link).toBeUndefined();
    const { email } = render("email-in-use");
    expect(email.subject).toMatch(/someone tried to use your address/i);
    expect(email.text).toContain(`Sign in: ${APP_URL}/login`);
  });

  it("account-deleted says goodbye by name, or without one", () => {
    expect(render("account-deleted").email.text).toContain(`Goodbye, ${NAME}`);
    expect(render("account-deleted", {}).email.text).toMatch(/^Your account was deleted\n/);
    expect(render("account-deleted").email.text).toContain(`${APP_URL}/register`);
  });

  it("refuses stored data that does not fit, as the worker would", () => {
    expect(emailTemplates["email-changed"].data.safeParse({ newEmail: "new@example.test" }).success).toBe(false);
    expect(emailTemplates["email-change-requested"].data.safeParse({ newEmail: "x".repeat(255) }).success).toBe(false);
    expect(emailTemplates["account-deleted"].data.safeParse({ name: "x".repeat(101) }).success).toBe(false);
  });
});

/** The HTML part's text: tags dropped, the layout's five escapes undone. */
function textOf(html: string): string {
  const entities: Record<string, string> = { "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&amp;": "&" };
  return html.replace(/<[^>]+>/g, "").replace(/&(lt|gt|quot|#39|amp);/g, (entity) => entities[entity] ?? entity);
}

describe("every template uses the shared layout", () => {
  it.each(NAMES)("%s: the branded frame, a heading, a footer, and the inbox preview", (name) => {
    const { email } = render(name);
    const heading = email.text.split("\n")[0] ?? "";
    // the frame renderEmail draws, and nothing else does
    expect(email.html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(email.html).toContain('<meta name="color-scheme" content="light">');
    expect(email.html).toContain(`font-weight:700;font-size:18px">Accounts</td>`);
    expect(email.html.match(/<h1 /g)).toHaveLength(1);
    expect(textOf(email.html.match(/<h1 [^>]*>(.*?)<\/h1>/)?.[1] ?? "")).toBe(heading);
    expect(email.html).toMatch(/<div style="display:none[^"]*">[^<]+<\/div>/);
    const footer = email.text.split("\n-- \n")[1]?.trim();
    expect(footer).toMatch(/^You received this email because/);
    expect(email.html).toContain(`font-size:12px;color:#6b7280">${footer}</td>`);
  });
});

describe("every template's plain-text part reads well", () => {
  it.each(NAMES)("%s: heading first, one blank line between paragraphs, labelled links, a signature", (name) => {
    const { email } = render(name);
    const [body = "", signature = ""] = email.text.split("\n-- \n");
    // a blank line before the signature, as between paragraphs
    expect(body.endsWith("\n")).toBe(true);
    const paragraphs = body.slice(0, -1).split("\n\n");
    expect(paragraphs.length).toBeGreaterThanOrEqual(2);
    // no paragraph is empty, starts or ends with spaces, or runs into the next without a blank line
    for (const paragraph of paragraphs) {
      expect(paragraph.trim()).not.toBe("");
      expect(paragraph).toBe(paragraph.trim());
      expect(paragraph).not.toContain("\n");
    }
    expect(signature.endsWith("\n")).toBe(true);
    expect(signature.trim()).not.toContain("\n");
    // links stand on their own after a label a person can read: "Sign in: https://…"
    for (const paragraph of paragraphs.filter((p) => /https?:\/\//.test(p))) {
      expect(paragraph).toMatch(/^[A-Z][^:]*[a-z]: https?:\/\/\S+$/);
    }
    // the text is text: no markup or entities the layout added (the person's own name may hold some)
    const ours = email.text.split(NAME).join("");
    expect(ours).not.toMatch(/<\/?[a-z][^>]*>/i);
    expect(ours).not.toMatch(/&(lt|gt|quot|amp|#39);/);
  });

  it.each(NAMES)("%s: says everything the HTML part says", (name) => {
    const { email } = render(name);
    const body = email.html.split(/<h1 /)[1] ?? "";
    const paragraphs = [...body.matchAll(/<p style="margin:0 0 16px">(.*?)<\/p>/g)].map((match) => textOf(match[1] ?? ""));
    expect(paragraphs.length).toBeGreaterThan(0);
    for (const paragraph of paragraphs) expect(email.text).toContain(paragraph);
    for (const [, label] of body.matchAll(/display:inline-block">(.*?)<\/a>/g)) expect(email.text).toContain(`${textOf(label ?? "")}: `);
  });
});
