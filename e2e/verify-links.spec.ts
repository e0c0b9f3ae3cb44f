// Confirmation links: opening one changes nothing (mail scanners open links),
// the button's POST confirms, and used, forged, expired and replaced links are
// refused with a way to get a new one.
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { newAccount, register, signIn, VERIFY_SUBJECT, verificationLink } from "./support/accounts";
import { expect, test } from "./support/fixtures";
import { mailsTo } from "./support/mail";

const CONFIRM_FIRST = "Confirm your email address first";

async function pressConfirm(page: Page, link: string) {
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Confirm your email" })).toBeVisible();
  await page.getByRole("button", { name: "Confirm my email" }).click();
}

/** Opens the link the way scanners and prefetchers do: three GETs and a HEAD. */
async function openWithoutConfirming(page: Page, link: string) {
  for (let i = 0; i < 3; i++) {
    const response = await page.goto(link);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("button", { name: "Confirm my email" })).toBeVisible();
  }
  expect((await page.request.head(link)).status()).toBe(200);
}

test("the mail has an HTML and a text part, and its link points at the app", async ({ page, app }) => {
  const account = newAccount("mail");
  await register(page, account);
  const link = await verificationLink(app, account.email);
  const [mail] = mailsTo(app.sink, account.email, VERIFY_SUBJECT);

  expect(link.startsWith(`${app.baseURL}/verify-email?token=`)).toBe(true);
  expect(link).toMatch(/\?token=[A-Za-z0-9_-]{43}$/);
  // two real parts, not one derived from the other by the parser
  expect(mail?.raw).toMatch(/^Content-Type: multipart\/alternative/im);
  expect(mail?.raw).toMatch(/^Content-Type: text\/plain/im);
  expect(mail?.raw).toMatch(/^Content-Type: text\/html/im);
  expect(mail?.text).toContain(link);
  expect(mail?.html).toMatch(/^<!doctype html>/i);
  expect(mail?.html).toContain(`href="${link}"`);
});

test("opening a link changes nothing; only the button's POST confirms, and once", async ({ page, app }) => {
  const account = newAccount("open");
  await register(page, account);
  const first = await verificationLink(app, account.email, 1);

  await openWithoutConfirming(page, first);
  await signIn(page, account);
  await expect(page.getByText(CONFIRM_FIRST)).toBeVisible();

  // That sign-in sent a second link, replacing the first, and used up the
  // resend allowance: further sign-ins leave the second link alone.
  const second = await verificationLink(app, account.email, 2);
  await openWithoutConfirming(page, second);
  await signIn(page, account);
  await expect(page.getByText(CONFIRM_FIRST)).toBeVisible();

  await pressConfirm(page, second);
  await expect(page.getByRole("heading", { name: "Your email is confirmed" })).toBeVisible();
  expect(page.url()).not.toContain("token=");

  await signIn(page, account);
  await expect(page).toHaveURL(/\/profile$/);
  expect(mailsTo(app.sink, account.email, VERIFY_SUBJECT)).toHaveLength(2);

  // the same link again: already used, with a way to sign in or get a new link
  await page.context().clearCookies();
  await pressConfirm(page, second);
  await expect(page.getByRole("heading", { name: "This link was already used" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(page.getByRole("form", { name: "Send a new confirmation link" })).toBeVisible();
});

test("a forged link doesn't work", async ({ page }) => {
  await pressConfirm(page, `/verify-email?token=${randomBytes(32).toString("base64url")}`);
  await expect(page.getByRole("heading", { name: "This link doesn't work" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Send a new link" })).toBeVisible();
});

test("an expired link is refused and the page's form sends a new link that works", async ({ page, app }) => {
  const account = newAccount("expired");
  await register(page, account);
  const expired = await verificationLink(app, account.email);
  const changed = await app.withDb((db) =>
    db.token.updateMany({
      where: { email: account.email, purpose: "VERIFY_EMAIL", usedAt: null },
      data: { expiresAt: new Date(Date.now() - 60_000) },
    }),
  );
  expect(changed.count).toBe(1);

  await pressConfirm(page, expired);
  await expect(page.getByRole("heading", { name: "This link has expired" })).toBeVisible();

  const resend = page.getByRole("form", { name: "Send a new confirmation link" });
  await resend.getByLabel("Email").fill(account.email);
  await resend.getByRole("button", { name: "Send a new link" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();

  const fresh = await verificationLink(app, account.email, 2);
  expect(fresh).not.toBe(expired);
  await pressConfirm(page, fresh);
  await expect(page.getByRole("heading", { name: "Your email is confirmed" })).toBeVisible();
});

test("asking for a new link replaces the first one", async ({ page, app }) => {
  const account = newAccount("replaced");
  await register(page, account);
  const first = await verificationLink(app, account.email, 1);

  // the check-email page remembers the address, so its form is ready to send
  await expect(page.getByLabel("Email")).toHaveValue(account.email);
  await page.getByRole("button", { name: "Send a new link" }).click();
  await expect(page).toHaveURL(/\/register\/check-email\?resent=1$/);
  const second = await verificationLink(app, account.email, 2);
  expect(second).not.toBe(first);

  await pressConfirm(page, first);
  await expect(page.getByRole("heading", { name: "This link doesn't work" })).toBeVisible();
  await signIn(page, account);
  await expect(page.getByText(CONFIRM_FIRST)).toBeVisible();

  await pressConfirm(page, second);
  await expect(page.getByRole("heading", { name: "Your email is confirmed" })).toBeVisible();
});
