// Sessions live on the server: signing out or revoking a row ends a session
// even for a copied cookie, a new sign-in never inherits an older cookie, the
// signed-in zone always offers "Sign out". (Every page passes axe in light
// and dark in interface/pages-tour.spec.ts.)
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Cookie, Page } from "@playwright/test";
import { authCsrf, createConfirmedAccount, createVerifiedAccount, sessionCookie, signIn, signInThroughAuthRoute, type TestAccount } from "../support/accounts";
import { expect, javaScriptVariant, test, type App } from "../support/fixtures";

/** Every page of the signed-in zone, read from the app's folders so new pages are covered too. */
const SIGNED_IN_PAGES = fs
  .readdirSync("app/(account)", { recursive: true, encoding: "utf8" })
  .filter((file) => path.basename(file) === "page.tsx" && !file.includes("["))
  .map(
    (file) =>
      `/${path
        .dirname(file)
        .split(path.sep)
        .filter((part) => !part.startsWith("("))
        .join("/")}`,
  )
  .sort();

async function signInAndSeeProfile(page: Page, account: TestAccount) {
  await signIn(page, account);
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByRole("main")).toContainText(account.email);
}

/** A fresh browser that carries only the given cookie. */
async function browserWithCookie(browser: Browser, app: App, cookie: Cookie): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: app.baseURL });
  await context.addCookies([cookie]);
  return context;
}

/** The profile, asked for with whatever cookie the context holds: sent to sign in, or shown. */
async function expectSentToSignIn(context: BrowserContext) {
  const response = await context.request.get("/profile", { maxRedirects: 0 });
  expect(response.status()).toBeGreaterThanOrEqual(300);
  expect(response.status()).toBeLessThan(400);
  expect(response.headers().location).toMatch(/^(https?:\/\/[^/]+)?\/login(\?|$)/);
}

test("signing out ends the session on the server, so a copied cookie stops working", async ({ page, app, browser }) => {
  // confirming the address signed this browser in: its only session
  const account = await createConfirmedAccount(page, app, "signout");
  const copied = await sessionCookie(page.context());
  if (!copied) throw new Error("no session cookie after signing in");

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(`${app.baseURL}/`);
  expect(await sessionCookie(page.context())).toBeUndefined();

  const thief = await browserWithCookie(browser, app, copied);
  await expectSentToSignIn(thief);
  const thiefPage = await thief.newPage();
  await thiefPage.goto("/profile");
  await expect(thiefPage.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expect(thiefPage.getByRole("main")).not.toContainText(account.email);
  await thief.close();

  const sessions = await app.withDb((db) => db.session.findMany({ where: { user: { email: account.email } } }));
  expect(sessions).toHaveLength(1);
  expect(sessions[0]?.revokedAt).toBeInstanceOf(Date);
});

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });
    javaScriptVariant(javaScriptEnabled);

    test("after signing out, Back does not show the profile, and the answer told the browser to drop its cache and storage", async ({ page, app }) => {
      const account = createVerifiedAccount(app);
      await page.goto("/");
      await signInAndSeeProfile(page, account);
      const signOutAnswer = page.waitForResponse((response) => response.request().method() === "POST");
      await page.getByRole("button", { name: "Sign out" }).click();
      // allHeaders(): headers() leaves out those the browser treats as security-related
      expect((await (await signOutAnswer).allHeaders())["clear-site-data"]).toBe('"cache", "storage"');
      await expect(page).toHaveURL(`${app.baseURL}/`);

      await page.goBack();
      await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
      await expect(page.getByRole("main")).not.toContainText(account.email);
      await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
    });
  });
}

test("Auth.js's own sign-out route also clears the site's data; an answer that keeps the session does not", async ({ page, app }) => {
  const account = createVerifiedAccount(app);
  await signInAndSeeProfile(page, account);
  const profile = await page.request.get("/profile");
  expect(profile.headers()["clear-site-data"]).toBeUndefined();
  const { csrfToken, origin } = await authCsrf(page.request);
  const signedOut = await page.request.post("/api/auth/signout", { form: { csrfToken }, headers: { origin }, maxRedirects: 0 });
  expect(signedOut.status()).toBe(302);
  expect(signedOut.headers()["clear-site-data"]).toBe('"cache", "storage"');
  expect(await sessionCookie(page.context())).toBeUndefined();
});

test("signing in as someone else in a browser signed in as Ada ends Ada's session, not just its cookie", async ({ page, app, browser }) => {
  const ada = createVerifiedAccount(app);
  const bob = createVerifiedAccount(app);
  await signInAndSeeProfile(page, ada);
  const adas = await sessionCookie(page.context());
  if (!adas) throw new Error("no session cookie after signing in");

  // the login page sends a signed-in visitor away, so Bob signs in as a second tab's stale form or a script would
  const signedIn = await signInThroughAuthRoute(page.request, bob, { maxRedirects: 0 });
  expect(signedIn.status()).toBe(302);
  await page.goto("/profile");
  await expect(page.getByRole("main")).toContainText(bob.email);

  const copy = await browserWithCookie(browser, app, adas);
  await expectSentToSignIn(copy);
  await copy.close();
  const adaSessions = await app.withDb((db) => db.session.findMany({ where: { user: { email: ada.email } } }));
  expect(adaSessions.filter((session) => session.revokedAt === null)).toEqual([]);
  const ended = await app.withDb((db) => db.securityEvent.findMany({ where: { type: "sign_out", user: { email: ada.email } } }));
  expect(ended.filter((event) => JSON.stringify(event.detail) === '{"replacedBySignIn":true}')).toHaveLength(1);
});

test("revoking a session row ends that browser's session at its next request, and only that one", async ({ app, browser }) => {
  const account = createVerifiedAccount(app);
  const userAgent = (device: string) => `e2e-${device}-${randomBytes(4).toString("hex")}`;
  const laptop = await browser.newContext({ baseURL: app.baseURL, userAgent: userAgent("laptop") });
  const phone = await browser.newContext({ baseURL: app.baseURL, userAgent: userAgent("phone") });
  const [laptopPage, phonePage] = await Promise.all([laptop.newPage(), phone.newPage()]);
  await signInAndSeeProfile(laptopPage, account);
  await signInAndSeeProfile(phonePage, account);

  const laptopUserAgent = await laptopPage.evaluate(() => navigator.userAgent);
  const revoked = await app.withDb((db) => db.session.updateMany({ where: { userAgent: laptopUserAgent, revokedAt: null }, data: { revokedAt: new Date() } }));
  expect(revoked.count).toBe(1);

  await laptopPage.reload();
  await expect(laptopPage.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expectSentToSignIn(laptop);
  await phonePage.reload();
  await expect(phonePage.getByRole("heading", { name: "Your profile" })).toBeVisible();
  await expect(phonePage.getByRole("main")).toContainText(account.email);
  await Promise.all([laptop.close(), phone.close()]);
});

test("an earlier user's cookie does not carry over into the next sign-in", async ({ page, app, browser }) => {
  const ada = createVerifiedAccount(app);
  const bob = createVerifiedAccount(app);
  await signInAndSeeProfile(page, ada);
  const adas = await sessionCookie(page.context());
  if (!adas) throw new Error("no session cookie after signing in");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(`${app.baseURL}/`);

  // Ada's old cookie is put back, as if planted, before Bob signs in here
  await page.context().addCookies([adas]);
  await signInAndSeeProfile(page, bob);
  await expect(page.getByRole("main")).not.toContainText(ada.email);
  const bobs = await sessionCookie(page.context());
  expect(bobs?.value).toBeTruthy();
  expect(bobs?.value).not.toBe(adas.value);

  const planted = await browserWithCookie(browser, app, adas);
  await expectSentToSignIn(planted);
  await planted.close();
  const sessions = await app.withDb((db) => db.session.findMany({ where: { user: { email: { in: [ada.email, bob.email] } } }, include: { user: { select: { email: true } } } }));
  expect(sessions.filter((s) => s.revokedAt === null).map((s) => s.user.email)).toEqual([bob.email]);
  // the two sign-ins here: no other
  expect(sessions).toHaveLength(2);
});

test("a signed-in person who opens /login or /register is sent to the profile", async ({ page, app }) => {
  const account = createVerifiedAccount(app);
  await signInAndSeeProfile(page, account);
  for (const path of ["/login", "/register"]) {
    await page.goto(path);
    await expect(page).toHaveURL(`${app.baseURL}/profile`);
    await expect(page.getByRole("heading", { name: "Your profile" })).toBeVisible();
  }
});

test("every page of the signed-in zone offers Sign out", async ({ page, app }) => {
  expect(SIGNED_IN_PAGES).toContain("/profile");
  const account = createVerifiedAccount(app);
  await signInAndSeeProfile(page, account);
  for (const path of SIGNED_IN_PAGES) {
    await test.step(path, async () => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      await expect(page).toHaveURL(`${app.baseURL}${path}`);
      await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    });
  }
});
