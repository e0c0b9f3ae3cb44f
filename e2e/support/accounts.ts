import { expect, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";
import type { App } from "./fixtures";
import { linkFromMail, uniqueEmail } from "./mail";

export const PASSWORD = "purple giraffes sing at dawn";

export type TestAccount = { name: string; email: string; password: string };

export function newAccount(label = "user"): TestAccount {
  return { name: "Ada Lovelace", email: uniqueEmail(label), password: PASSWORD };
}

export async function fillRegistration(page: Page, account: TestAccount, confirm = account.password) {
  await page.goto("/register");
  await page.getByLabel("Name").fill(account.name);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByLabel("Confirm password").fill(confirm);
  await page.getByRole("button", { name: "Create account" }).click();
}

export async function register(page: Page, account: TestAccount) {
  await fillRegistration(page, account);
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
}

/** The newest confirmation link, once `count` confirmation mails have arrived. */
export function verificationLink(app: Pick<App, "sink">, email: string, count = 1) {
  return linkFromMail(app.sink, email, /Confirm your email/, "/verify-email?token=", count);
}

/** What the profile says to a person who has just confirmed their address (and is signed in by it). */
export const CONFIRMED_NOTICE = "Your email is confirmed and your account is active. You are signed in.";

/** Types `password` on the confirm page of the link the browser has open, and presses the button. */
export async function submitConfirmation(page: Page, password: string) {
  await expect(page.getByRole("heading", { name: "Confirm your email" })).toBeVisible();
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Confirm my email" }).click();
}

/** Opens a confirmation link and confirms it with the account's password: the browser is then signed in, on its profile. */
export async function confirmWithLink(page: Page, link: string, password: string) {
  await page.goto(link);
  await submitConfirmation(page, password);
  await expect(page).toHaveURL(/\/profile\?updated=verified$/);
  await expect(page.getByText(CONFIRMED_NOTICE)).toBeVisible();
}

/** Confirms the newest of `count` confirmation links with the account's password (see confirmWithLink). */
export async function confirmEmail(page: Page, app: Pick<App, "sink">, account: Pick<TestAccount, "email" | "password">, count = 1) {
  await confirmWithLink(page, await verificationLink(app, account.email, count), account.password);
}

/** Signs out with the header's button. */
export async function signOutFromHeader(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" })).toBeVisible();
}

export async function signIn(page: Page, account: { email: string; password: string }) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** A verified account, signed in on `page` by confirming its address. */
export async function createConfirmedAccount(page: Page, app: Pick<App, "sink">, label = "user"): Promise<TestAccount> {
  const account = newAccount(label);
  await register(page, account);
  await confirmEmail(page, app, account);
  return account;
}

/** A verified account registered and confirmed on the page, ready to sign in: confirming signed the browser in, so it signs out again. */
export async function registerVerifiedAccount(page: Page, app: Pick<App, "sink">, label = "user"): Promise<TestAccount> {
  const account = await createConfirmedAccount(page, app, label);
  await signOutFromHeader(page);
  return account;
}

/** A verified account nobody has used, ready to sign in: one of those seeded into the worker's database (seed-accounts.ts). */
export function createVerifiedAccount(app: Pick<App, "accounts">): TestAccount {
  const account = app.accounts.take();
  if (!account) throw new Error("the worker's seeded accounts are all taken: raise SEEDED_ACCOUNTS in fixtures.ts");
  return account;
}

/** Subjects of the two mails a registration can send. */
export const VERIFY_SUBJECT = /Confirm your email/;
export const ACCOUNT_EXISTS_SUBJECT = /Someone tried to sign up/;

/** The Auth.js session cookie of a browser context (`__Host-` prefixed over HTTPS), if any. */
export async function sessionCookie(context: BrowserContext) {
  return (await context.cookies()).find((cookie) => /^(__Host-|__Secure-)?authjs\.session-token$/.test(cookie.name));
}

/**
 * Signs in through Auth.js's own route instead of the page's action: fetch a
 * CSRF token (which also sets its cookie), then post the credentials form.
 * Pass the page's `request` so the cookies land in the browser context.
 */
export type AuthCsrf = { csrfToken: string; origin: string };

/** The CSRF token Auth.js wants with a sign-in (its cookie lands in `request`), and the origin a same-site post comes from. */
export async function authCsrf(request: APIRequestContext): Promise<AuthCsrf> {
  const response = await request.get("/api/auth/csrf");
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { csrfToken, origin: new URL(response.url()).origin };
}

/** Signs in as a script would; `options.csrf` reuses one token, so the sign-in is a single request. */
export async function signInThroughAuthRoute(
  request: APIRequestContext,
  fields: { email: string; password: string; callbackUrl?: string; csrfToken?: string | null },
  options: { maxRedirects?: number; csrf?: AuthCsrf } = {},
) {
  const csrf = options.csrf ?? (await authCsrf(request));
  const { csrfToken = csrf.csrfToken, ...rest } = fields;
  const form: Record<string, string> = { email: rest.email, password: rest.password };
  if (csrfToken !== null) form.csrfToken = csrfToken;
  if (rest.callbackUrl !== undefined) form.callbackUrl = rest.callbackUrl;
  // as a browser posting from the app's own page would: cross-site posts are refused
  const headers = { origin: csrf.origin };
  return request.post("/api/auth/callback/credentials", { form, headers, maxRedirects: options.maxRedirects });
}
