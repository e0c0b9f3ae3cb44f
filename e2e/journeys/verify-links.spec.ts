// Confirmation links: opening one changes nothing (mail scanners open links),
// the form's POST with the account's password confirms (and signs in), a
// wrong password changes nothing and keeps the link, forged, expired and
// replaced links are refused with a way to get a new one, and a link that
// already confirmed its address says so and offers sign-in.
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import {
  CONFIRMED_NOTICE,
  confirmWithLink,
  newAccount,
  PASSWORD,
  register,
  signIn,
  signOutFromHeader,
  submitConfirmation,
  verificationLink,
  VERIFY_SUBJECT,
} from "../support/accounts";
import { axe } from "../support/axe";
import { expect, javaScriptVariant, test, type App } from "../support/fixtures";
import { mailsTo } from "../support/mail";

const CONFIRM_FIRST = "Confirm your email address first";
const WRONG_PASSWORD = "That is not this account's password.";
const ALREADY_CONFIRMED = "This address is already confirmed";

/** Opens the link and sends its form with `password` (the test accounts' own, unless told). */
async function pressConfirm(page: Page, link: string, password = PASSWORD) {
  await page.goto(link);
  await submitConfirmation(page, password);
}

/** Whether the address is verified, and how many of its links are unspent (one look: on the embedded database each restarts the app). */
const addressState = (app: App, email: string) =>
  app.withDb(async (db) => ({
    verified: (await db.user.findUniqueOrThrow({ where: { email } })).emailVerified !== null,
    unusedLinks: await db.token.count({ where: { email, purpose: "VERIFY_EMAIL", usedAt: null } }),
  }));

/** The page of a link that already confirmed its address: no password asked, a way to sign in. */
async function expectAlreadyConfirmed(page: Page) {
  await expect(page.getByRole("heading", { name: ALREADY_CONFIRMED })).toBeVisible();
  await expect(page.getByRole("main").getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(page.getByLabel("Password", { exact: true })).toHaveCount(0);
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

  // the right password confirms and signs in
  await pressConfirm(page, second);
  await expect(page).toHaveURL(/\/profile\?updated=verified$/);
  await expect(page.getByText(CONFIRMED_NOTICE)).toBeVisible();
  expect(mailsTo(app.sink, account.email, VERIFY_SUBJECT)).toHaveLength(2);

  // the same link again (on another device, say): the address is already confirmed, which the page says at once
  await page.context().clearCookies();
  await page.goto(second);
  await expectAlreadyConfirmed(page);
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
  await expect(page.getByText(CONFIRMED_NOTICE)).toBeVisible();
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
  await expect(page.getByText(CONFIRMED_NOTICE)).toBeVisible();
});

for (const javaScriptEnabled of [true, false]) {
  test.describe(() => {
    javaScriptVariant(javaScriptEnabled);
    test(`a wrong password confirms nothing and keeps the link; the right one then confirms and signs in (${javaScriptEnabled ? "with" : "without"} JavaScript)`, async ({
      browser,
      app,
    }) => {
      test.slow(); // a registration, three posts with a password check each, and a sign-in
      const context = await browser.newContext({ baseURL: app.baseURL, javaScriptEnabled });
      const page = await context.newPage();
      const account = newAccount("wrong-password");
      await register(page, account);
      const link = await verificationLink(app, account.email);

      await pressConfirm(page, link, "not the password of this account");
      const password = page.getByLabel("Password", { exact: true });
      await expect(page.getByRole("main").getByRole("alert")).toContainText(WRONG_PASSWORD);
      await expect(password).toHaveAttribute("aria-invalid", "true");
      if (!javaScriptEnabled) await expect(password).toHaveValue(""); // a password is never sent back in the page
      expect(page.url()).not.toContain("token=");
      if (javaScriptEnabled) expect((await axe(page).analyze()).violations).toEqual([]);

      // an empty password is not even sent with JavaScript, and refused without
      await submitConfirmation(page, "");
      await expect(page.getByRole("main").getByRole("alert")).toContainText(/Enter your password/);
      expect(await addressState(app, account.email)).toEqual({ verified: false, unusedLinks: 1 });

      // the same link (opened again, as the app restarted for that look): the right password confirms
      await pressConfirm(page, link, account.password);
      await expect(page).toHaveURL(/\/profile\?updated=verified$/);
      await expect(page.getByText(CONFIRMED_NOTICE)).toBeVisible();
      expect(await addressState(app, account.email)).toEqual({ verified: true, unusedLinks: 0 });
      await signOutFromHeader(page);
      await context.close();
    });
  });
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(() => {
    javaScriptVariant(javaScriptEnabled);
    test(`a link that already confirmed its address says so and offers sign-in, sent from a form left open or opened again (${javaScriptEnabled ? "with" : "without"} JavaScript)`, async ({
      browser,
      app,
    }) => {
      test.slow(); // a registration, a confirmation, a refused post and a sign-in
      const contexts = await Promise.all([0, 1, 2].map(() => browser.newContext({ baseURL: app.baseURL, javaScriptEnabled })));
      const [waiting, confirming, later] = await Promise.all(contexts.map((context) => context.newPage()));
      if (!waiting || !confirming || !later) throw new Error("no pages");
      const account = newAccount("confirmed-again");
      await register(waiting, account);
      const link = await verificationLink(app, account.email);

      // one device opens the link and leaves its form; another confirms with it meanwhile
      await waiting.goto(link);
      await expect(waiting.getByRole("button", { name: "Confirm my email" })).toBeVisible();
      await confirmWithLink(confirming, link, account.password);
      expect(await addressState(app, account.email)).toEqual({ verified: true, unusedLinks: 0 });

      // the form left open is sent now: the link has done its job, so the page says so instead of asking for a new link
      await submitConfirmation(waiting, account.password);
      await expect(waiting).toHaveURL(/\/verify-email\?status=confirmed$/);
      await expectAlreadyConfirmed(waiting);
      await expect(waiting.getByRole("form", { name: "Send a new confirmation link" })).toHaveCount(0);

      // opened again on a third device: the same page at once, and its sign-in works
      await later.goto(link);
      await expectAlreadyConfirmed(later);
      expect(later.url()).not.toContain("token=");
      await later.getByRole("main").getByRole("link", { name: "Sign in" }).click();
      await expect(later).toHaveURL(/\/login$/);
      await signIn(later, account);
      await expect(later).toHaveURL(/\/profile$/);
      await Promise.all(contexts.map((context) => context.close()));
    });
  });
}

test("wrong passwords on the confirm page count toward the sign-in throttle of the address", async ({ page, app }) => {
  const account = newAccount("confirm-throttle");
  await register(page, account);
  const link = await verificationLink(app, account.email);
  await page.goto(link);
  // the e2e server allows 5 free failures per address (SIGNIN_FREE_FAILURES), as in production
  for (let guess = 1; guess <= 5; guess++) {
    await submitConfirmation(page, `wrong guess number ${guess}`);
    await expect(page.getByRole("main").getByRole("alert")).toContainText(WRONG_PASSWORD);
  }
  await submitConfirmation(page, account.password);
  await expect(page.getByRole("main").getByRole("alert")).toContainText(/Too many failed sign-ins. Try again in \d+ minutes?/);
  // the login form waits too: one count for the address
  await signIn(page, account);
  await expect(page.getByRole("main").getByRole("alert")).toContainText(/Too many failed sign-ins/);
  expect(await addressState(app, account.email)).toEqual({ verified: false, unusedLinks: 1 });
});
