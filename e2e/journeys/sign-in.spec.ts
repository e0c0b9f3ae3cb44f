// Signing in: failures never tell an unknown address from a wrong password,
// an unconfirmed address learns to confirm (once per few minutes of mail),
// Auth.js's own route behaves like the page, redirects stay on this site, and
// the session cookie is out of reach of page scripts.
import type { Page } from "@playwright/test";
import {
  createVerifiedAccount,
  newAccount,
  register,
  sessionCookie,
  signIn,
  signInThroughAuthRoute,
  verificationLink,
  VERIFY_SUBJECT,
  type TestAccount,
} from "../support/accounts";
import { expect, javaScriptVariant, test } from "../support/fixtures";
import { mailsTo, uniqueEmail } from "../support/mail";

const NO_MATCH = "That email and password don't match an account.";
const CONFIRM_FIRST = "Confirm your email address first";

/**
 * The origin of a URL, naming loopback the way Auth.js's route does: Next.js's
 * NextURL rewrites 127.0.0.1 to "localhost", so that route calls this app
 * http://localhost:<port> even though AUTH_URL says http://127.0.0.1:<port>.
 */
function origin(url: string, base?: string): string {
  const parsed = new URL(url, base);
  if (parsed.hostname === "127.0.0.1") parsed.hostname = "localhost";
  return parsed.origin;
}

/** What a person sees after a sign-in attempt: where they are and the page's text. */
async function outcome(page: Page) {
  await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
  return { url: page.url(), text: await page.locator("main").innerText() };
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });
    javaScriptVariant(javaScriptEnabled);

    test("an unknown address and a wrong password get exactly the same answer", async ({ page, app }) => {
      const account = createVerifiedAccount(app);

      await signIn(page, { email: uniqueEmail("nobody"), password: account.password });
      const unknown = await outcome(page);
      await signIn(page, { email: account.email, password: "not the right passphrase" });
      const wrong = await outcome(page);

      expect(wrong).toEqual(unknown);
      expect(wrong.text).toContain(NO_MATCH);
      expect(wrong.url).toBe(`${app.baseURL}/login`);
      expect(await sessionCookie(page.context())).toBeUndefined();
    });
  });
}

test("an unconfirmed account with the right password is told to confirm, and mailed one new link", async ({ page, app }) => {
  const account = newAccount("unconfirmed");
  await register(page, account);
  await verificationLink(app, account.email, 1);

  await signIn(page, account);
  await expect(page.getByRole("main").getByRole("alert")).toContainText(CONFIRM_FIRST);
  await verificationLink(app, account.email, 2);
  expect(await sessionCookie(page.context())).toBeUndefined();

  // right away again: the same answer, but the resend limit holds back the mail
  await signIn(page, account);
  await expect(page.getByRole("main").getByRole("alert")).toContainText(CONFIRM_FIRST);
  const queued = await app.withDb((db) => db.outboxMessage.count({ where: { to: account.email, template: "verify-email" } }));
  expect(queued).toBe(2);
  expect(mailsTo(app.sink, account.email, VERIFY_SUBJECT)).toHaveLength(2);
  expect(await sessionCookie(page.context())).toBeUndefined();
});

test.describe("Auth.js's own sign-in route", () => {
  test("answers like the page: no match, confirm first, or a working session", async ({ page, app }) => {
    const account = createVerifiedAccount(app);
    await page.context().clearCookies();

    const unknown = await signInThroughAuthRoute(page.request, { email: uniqueEmail("nobody"), password: account.password });
    const wrong = await signInThroughAuthRoute(page.request, { email: account.email, password: "not the right passphrase" });
    expect(wrong.url()).toBe(unknown.url());
    expect(new URL(wrong.url()).pathname).toBe("/login");
    expect(await sessionCookie(page.context())).toBeUndefined();
    await page.goto(wrong.url());
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(NO_MATCH);

    const unconfirmed = newAccount("route-unconfirmed");
    await register(page, unconfirmed);
    const refused = await signInThroughAuthRoute(page.request, unconfirmed);
    await page.goto(refused.url());
    await expect(page.getByRole("main").getByRole("alert")).toContainText(CONFIRM_FIRST);
    await verificationLink(app, unconfirmed.email, 2);
    expect(await sessionCookie(page.context())).toBeUndefined();

    const signedIn = await signInThroughAuthRoute(page.request, account);
    expect(signedIn.ok()).toBe(true);
    expect(origin(signedIn.url())).toBe(origin(app.baseURL));
    expect(await sessionCookie(page.context())).toBeDefined();
    const profile = await page.request.get("/profile", { maxRedirects: 0 });
    expect(profile.status()).toBe(200);
    expect(await profile.text()).toContain(account.email);
    await page.goto("/profile");
    await expect(page.getByRole("main")).toContainText(account.name);
  });

  test("a post without the matching CSRF token gets no session", async ({ page, app }) => {
    const account = createVerifiedAccount(app);
    await page.context().clearCookies();

    for (const csrfToken of [null, "", "forged-token", "a".repeat(64)]) {
      const response = await signInThroughAuthRoute(page.request, { ...account, csrfToken });
      expect(new URL(response.url()).pathname).toBe("/login");
      expect(new URL(response.url()).searchParams.get("error")).toBe("MissingCSRF");
      expect(await sessionCookie(page.context())).toBeUndefined();
    }
    expect((await page.request.get("/profile", { maxRedirects: 0 })).status()).not.toBe(200);
  });
});

test.describe("after signing in, only this site", () => {
  let account: TestAccount;
  test.beforeAll(async ({ browser, app }) => {
    const page = await browser.newPage({ baseURL: app.baseURL });
    account = createVerifiedAccount(app);
    await page.close();
  });

  const payloads = [
    "https://evil.test",
    "//evil.test",
    "/\\evil.test",
    "\\\\evil.test",
    "https:evil.test",
    "/%2F%2Fevil.test",
    "http://127.0.0.1@evil.test",
    "http://APP_HOST@evil.test",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
  ];
  for (const payload of payloads) {
    test(`callbackUrl=${payload} stays on this site`, async ({ page, app, request }) => {
      const target = payload.replace("APP_HOST", new URL(app.baseURL).host);
      const elsewhere: string[] = [];
      page.on("request", (r) => new URL(r.url()).origin !== app.baseURL && elsewhere.push(r.url()));
      page.on("dialog", (dialog) => {
        elsewhere.push(`dialog: ${dialog.message()}`);
        void dialog.dismiss();
      });

      // through the page's form
      await page.goto(`/login?callbackUrl=${encodeURIComponent(target)}`);
      await page.getByLabel("Email").fill(account.email);
      await page.getByLabel("Password").fill(account.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL((url) => url.pathname !== "/login");
      await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
      expect(new URL(page.url()).origin).toBe(app.baseURL);
      expect(elsewhere).toEqual([]);

      // through Auth.js's route, reading where it would send the browser
      const response = await signInThroughAuthRoute(request, { ...account, callbackUrl: target }, { maxRedirects: 0 });
      expect(response.status()).toBe(302);
      expect(origin(response.headers().location ?? "", app.baseURL)).toBe(origin(app.baseURL));
    });
  }

  test("a callbackUrl on this site is honoured", async ({ page, app, request }) => {
    await page.goto(`/login?callbackUrl=${encodeURIComponent("/profile?x=1")}`);
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password").fill(account.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${app.baseURL}/profile?x=1`);
    await expect(page.getByRole("heading", { name: "Your profile" })).toBeVisible();

    const response = await signInThroughAuthRoute(request, { ...account, callbackUrl: "/profile?x=1" }, { maxRedirects: 0 });
    const location = new URL(response.headers().location ?? "", app.baseURL);
    expect(origin(location.href)).toBe(origin(app.baseURL));
    expect(`${location.pathname}${location.search}`).toBe("/profile?x=1");
  });
});

test("the session cookie is HttpOnly, SameSite=Lax, for the whole site, and unreadable to page scripts", async ({ page, app }) => {
  const account = createVerifiedAccount(app);
  const signInResponse = page.waitForResponse((r) => r.request().method() === "POST" && r.url().startsWith(`${app.baseURL}/login`));
  await signIn(page, account);
  await expect(page).toHaveURL(/\/profile$/);

  const cookie = await sessionCookie(page.context());
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
  const setCookie = (await (await signInResponse).headersArray()).filter((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith(`${cookie?.name}=`));
  expect(setCookie).toHaveLength(1);
  expect(setCookie[0]?.value).not.toMatch(/;\s*domain=/i); // host-only

  expect(await page.evaluate(() => document.cookie)).not.toContain("session-token");
  // an encrypted token (JWE): none of its parts reads as the claims
  const parts = cookie?.value.split(".") ?? [];
  expect(parts).toHaveLength(5);
  const decoded = parts.map((part) => Buffer.from(part, "base64url").toString("latin1")).join("\n");
  for (const claim of [account.email, account.name, '"sid"', '"sub"']) expect(decoded).not.toContain(claim);
});

test('"Keep me signed in" is a labelled checkbox', async ({ page }) => {
  await page.goto("/login");
  const keep = page.getByRole("checkbox", { name: /Keep me signed in/ });
  await expect(keep).toBeVisible();
  await expect(keep).not.toBeChecked();
  await page.getByText("Keep me signed in").click(); // the label toggles it
  await expect(keep).toBeChecked();
});

test("the form's checks are fetched when the form is first used, not with the page, and then check as before", async ({ page }) => {
  const scripts: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "script") scripts.push(request.url());
  });
  await page.goto("/login", { waitUntil: "networkidle" });
  const withThePage = scripts.length;

  const email = page.getByLabel("Email");
  await email.focus();
  await expect.poll(() => scripts.length, { message: "first focus fetches the validation code" }).toBeGreaterThan(withThePage);
  await email.fill("not-an-address");
  await email.blur();
  await expect(page.getByText("Enter a valid email address, like name@example.com.")).toBeVisible();
});
