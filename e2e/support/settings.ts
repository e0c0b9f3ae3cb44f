// Helpers for the signed-in profile and settings pages: a signed-in account,
// more browsers signed in as it, the current-password confirmation, and the
// subjects of the mails those pages send.
import { expect, type APIRequestContext, type Browser, type BrowserContextOptions, type Locator, type Page } from "@playwright/test";
import { createVerifiedAccount, sessionCookie, signIn, signInThroughAuthRoute, type TestAccount } from "./accounts";
import type { App } from "./fixtures";

export const WRONG_PASSWORD = "That isn't your current password.";
export const SIGN_IN_FAILED = "That email and password don't match an account.";

export const CONFIRM_CHANGE_SUBJECT = /Confirm your new email address/;
export const CHANGE_REQUESTED_SUBJECT = /email address was requested/;
export const EMAIL_CHANGED_SUBJECT = /sign-in email was changed/;
export const EMAIL_IN_USE_SUBJECT = /Someone tried to use your address/;
export const ACCOUNT_DELETED_SUBJECT = /account was deleted/;

export async function signInToProfile(page: Page, account: Pick<TestAccount, "email" | "password">) {
  await signIn(page, account);
  await expect(page).toHaveURL(/\/profile$/);
}

/**
 * Signs the page's browser in through Auth.js's own route: the same cookie
 * (and session row, with this browser's user agent) as the sign-in page
 * gives, without rendering it. For setup; journeys sign in on the page.
 */
export async function signInQuickly(page: Page, account: Pick<TestAccount, "email" | "password">) {
  const response = await signInThroughAuthRoute(page.request, { ...account, callbackUrl: "/profile" }, { maxRedirects: 0 });
  expect(response.status()).toBe(302);
  expect(response.headers().location).toMatch(/^(https?:\/\/[^/]+)?\/profile$/);
  expect(await sessionCookie(page.context())).toBeDefined();
}

/** A verified account nobody has used, signed in on `page` (quickly: the page stays where it was). */
export async function signedInAccount(page: Page, app: Pick<App, "accounts">): Promise<TestAccount> {
  const account = createVerifiedAccount(app);
  await signInQuickly(page, account);
  return account;
}

/** Another browser signed in as `account`, e.g. with another user agent. */
export async function anotherBrowser(browser: Browser, app: App, account: TestAccount, options: BrowserContextOptions = {}) {
  const context = await browser.newContext({ baseURL: app.baseURL, ...options });
  const page = await context.newPage();
  await signInQuickly(page, account);
  return { context, page };
}

/** A field shows `message` as its error, announced with it (aria-describedby). */
export async function expectFieldError(field: Locator, message: string) {
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
}

export async function requestEmailChange(page: Page, newEmail: string, currentPassword: string) {
  await page.goto("/settings/email");
  await page.getByLabel("New email").fill(newEmail);
  await page.getByLabel("Current password").fill(currentPassword);
  await page.getByRole("button", { name: "Send confirmation link" }).click();
}

/** Follows an emailed /confirm-email link and presses its button. */
export async function confirmEmailChange(page: Page, link: string) {
  await page.goto(link);
  await page.getByRole("button", { name: "Confirm my new email" }).click();
}

export async function signOut(page: Page, app: App) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(`${app.baseURL}/`);
}

/** The browser is sent to sign in when it next opens its profile. */
export async function expectSignedOut(page: Page) {
  await page.goto("/profile");
  await expect(page).toHaveURL(/\/login(\?|$)/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
}

export async function expectSignedIn(page: Page, email: string) {
  await page.goto("/profile");
  await expect(page.getByRole("heading", { name: "Your profile" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(email);
}

/** The profile, asked for with whatever cookie `request` holds, sends it to sign in. */
export async function expectSentToSignIn(request: APIRequestContext) {
  const response = await request.get("/profile", { maxRedirects: 0 });
  expect(response.status()).toBeGreaterThanOrEqual(300);
  expect(response.status()).toBeLessThan(400);
  expect(response.headers().location).toMatch(/^(https?:\/\/[^/]+)?\/login(\?|$)/);
}
