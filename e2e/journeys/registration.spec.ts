// Registration: the page never tells whether an address is taken (only the
// inbox learns it), letter case does not make a second account (races are in
// registration-race.spec.ts), every rule is explained next to its field, and a
// name is only ever text.
import fs from "node:fs";
import type { Page } from "@playwright/test";
import {
  ACCOUNT_EXISTS_SUBJECT,
  confirmEmail,
  confirmWithLink,
  fillRegistration,
  newAccount,
  register,
  signIn,
  signOutFromHeader,
  verificationLink,
  VERIFY_SUBJECT,
  type TestAccount,
} from "../support/accounts";
import { expect, javaScriptVariant, test } from "../support/fixtures";
import { linksIn, mailsTo, uniqueEmail } from "../support/mail";

/** The page's main text with one address replaced, to compare pages about different addresses. */
async function mainText(page: Page, email: string) {
  return (await page.locator("main").innerText()).replaceAll(email, "<email>");
}

test("an address that already has an account gets the same page, and its owner a notice instead of a link", async ({ page, app, browser }) => {
  const owner = newAccount("taken");
  await register(page, owner);
  const freshPage = { url: page.url(), text: await mainText(page, owner.email) };
  await confirmEmail(page, app, owner);
  await signOutFromHeader(page);

  const other = await browser.newContext({ baseURL: app.baseURL });
  const again = await other.newPage();
  await register(again, { ...owner, name: "Mallory", password: "another long passphrase here" });
  expect({ url: again.url(), text: await mainText(again, owner.email) }).toEqual(freshPage);

  // a brand-new address reads the same, but for the address itself
  const newcomer = newAccount("newcomer");
  await register(again, newcomer);
  expect({ url: again.url(), text: await mainText(again, newcomer.email) }).toEqual(freshPage);
  await other.close();

  await app.sink.waitFor((m) => m.to.includes(owner.email) && ACCOUNT_EXISTS_SUBJECT.test(m.subject));
  const [notice] = mailsTo(app.sink, owner.email, ACCOUNT_EXISTS_SUBJECT);
  expect(notice?.subject).toMatch(/Someone tried to sign up/);
  expect(notice?.text).toContain("You already have an account");
  expect(linksIn(notice ?? { text: "" })).toEqual(expect.arrayContaining([`${app.baseURL}/login`, `${app.baseURL}/forgot-password`]));
  expect(notice?.html).toContain(`href="${app.baseURL}/forgot-password"`);
  // Mail leaves in queue order, so a link from the second registration would have come first.
  expect(mailsTo(app.sink, owner.email, VERIFY_SUBJECT)).toHaveLength(1);

  // and nothing about the account changed
  await signIn(page, owner);
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByRole("main")).toContainText(owner.name);
});

test("addresses that differ only in letter case are one account", async ({ page, app, browser }) => {
  const email = uniqueEmail("ada"); // ada-…@example.test
  const mixedCase = email.replace(/^ada/, "Ada").replace("@example.test", "@Example.TEST");
  const account: TestAccount = { ...newAccount(), email: mixedCase };

  await register(page, account);
  await expect(page.getByRole("main").getByText(email, { exact: true })).toBeVisible();
  const link = await verificationLink(app, email);
  const [verification] = mailsTo(app.sink, email, VERIFY_SUBJECT);
  expect(verification?.raw).toMatch(new RegExp(`^To: ${email.replaceAll(".", "\\.")}\\r?$`, "m"));
  await confirmWithLink(page, link, account.password);
  await signOutFromHeader(page);

  const other = await browser.newContext({ baseURL: app.baseURL });
  await register(await other.newPage(), { ...account, email });
  await other.close();
  await app.sink.waitFor((m) => m.to.includes(email) && ACCOUNT_EXISTS_SUBJECT.test(m.subject));

  await signIn(page, { ...account, email: email.toUpperCase() });
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByRole("main")).toContainText(email);
});

const commonPassword = (() => {
  const lines = fs.readFileSync("lib/auth/common-passwords.txt", "utf8").split("\n");
  const first = lines.find((line) => !line.startsWith("#") && [...line].length >= 12);
  if (!first) throw new Error("no common password of 12+ characters in the list");
  return first;
})();

type Label = "Name" | "Email" | "Password" | "Confirm password";
type InvalidCase = { title: string; change: (account: TestAccount) => TestAccount & { confirm?: string }; errors: [Label, RegExp][] };

const invalidCases: InvalidCase[] = [
  {
    title: "empty fields",
    change: (account) => ({ ...account, name: "", email: "", password: "", confirm: "" }),
    errors: [
      ["Name", /Enter your name/],
      ["Email", /Enter your email address/],
      ["Password", /Use at least 12 characters/],
    ],
  },
  { title: "a bad email", change: (account) => ({ ...account, email: "ada.example.test" }), errors: [["Email", /Enter a valid email address/]] },
  { title: "an 11-character password", change: (account) => ({ ...account, password: "abcdefghijk" }), errors: [["Password", /Use at least 12 characters/]] },
  { title: "a common password", change: (account) => ({ ...account, password: commonPassword }), errors: [["Password", /most common passwords/]] },
  {
    title: "a password made of the email",
    change: (account) => {
      const local = account.email.split("@")[0] ?? "";
      return { ...account, password: `${local}${local}` };
    },
    errors: [["Password", /too close to your email address/]],
  },
  { title: "a mismatched confirmation", change: (account) => ({ ...account, confirm: "purple giraffes sing at dusk" }), errors: [["Confirm password", /don't match/]] },
];

async function expectFieldError(page: Page, label: Label, message: RegExp) {
  const input = page.getByLabel(label, { exact: true });
  await expect(input).toHaveAttribute("aria-invalid", "true");
  await expect(input).toHaveAccessibleDescription(message);
  // ...and the message is shown beside the field, not only announced
  await expect(page.locator(".field", { has: input }).locator(".field-error")).toHaveText(message);
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });
    javaScriptVariant(javaScriptEnabled);

    test("each invalid field is explained beside it, and no account is made", async ({ page, app }) => {
      const tried: string[] = [];
      for (const { title, change, errors } of invalidCases) {
        await test.step(title, async () => {
          const account = change(newAccount("invalid"));
          tried.push(account.email);
          await fillRegistration(page, account, account.confirm ?? account.password);
          for (const [label, message] of errors) await expectFieldError(page, label, message);
          await expect(page.locator('[aria-invalid="true"]')).toHaveCount(errors.length);
          await expect(page).toHaveURL(/\/register$/);
        });
      }
      const users = await app.withDb((db) => db.user.count({ where: { email: { in: tried.filter(Boolean) } } }));
      expect(users).toBe(0);
    });
  });
}

test("password inputs are password fields that password managers understand", async ({ page }) => {
  await page.goto("/register");
  for (const label of ["Password", "Confirm password"]) {
    const input = page.getByLabel(label, { exact: true });
    await expect(input).toHaveAttribute("type", "password");
    await expect(input).toHaveAttribute("autocomplete", "new-password");
  }
  await expect(page.getByLabel("Email")).toHaveAttribute("autocomplete", "email");

  await page.goto("/login");
  await expect(page.getByLabel("Password")).toHaveAttribute("type", "password");
  await expect(page.getByLabel("Password")).toHaveAttribute("autocomplete", "current-password");
  await expect(page.getByLabel("Email")).toHaveAttribute("autocomplete", "username");
});

test("a name that looks like HTML is shown as text on the profile, and kept out of the confirmation mail", async ({ page, app }) => {
  const name = `<img src=x onerror="window.__xss=1">`;
  const account = { ...newAccount("xss"), name };
  await register(page, account);
  await confirmEmail(page, app, account);

  await expect(page.getByRole("main").getByText(name, { exact: true })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Account" }).getByText(name, { exact: true })).toBeVisible();
  await expect(page.locator("img")).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();

  // the address was not proven when it was sent: nothing the registrant typed is in it, escaped or not
  const [mail] = mailsTo(app.sink, account.email, VERIFY_SUBJECT);
  for (const part of [mail?.subject, mail?.text, mail?.html]) expect(part).not.toMatch(/img|__xss/);
});
