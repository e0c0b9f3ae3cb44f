// "Where you're signed in", with and without JavaScript: the list shows every
// live session of the account and marks this one; ending one or all the
// others needs the password and signs those browsers out at their next
// request, and no more than SESSIONS_PER_USER stay signed in.
import { request as playwrightRequest, type Browser, type Page } from "@playwright/test";
import { signInThroughAuthRoute } from "../support/accounts";
import { expect, javaScriptVariant, test, type App } from "../support/fixtures";
import { anotherBrowser, expectFieldError, expectSentToSignIn, expectSignedIn, expectSignedOut, signedInAccount, signInQuickly, WRONG_PASSWORD } from "../support/settings";

const FIREFOX_ON_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";
const SAFARI_ON_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
const SESSIONS_PER_USER = 10;

const END_LAPTOP = /^End the session on Firefox on Windows, signed in /;

const rows = (page: Page) => page.getByRole("main").locator("tbody tr");

/** One account signed in here (Chrome on Linux), on a laptop and on a phone. */
async function signedInThreeTimes(page: Page, browser: Browser, app: App) {
  const account = await signedInAccount(page, app);
  const laptop = await anotherBrowser(browser, app, account, { userAgent: FIREFOX_ON_WINDOWS });
  const phone = await anotherBrowser(browser, app, account, { userAgent: SAFARI_ON_IPHONE });
  return { account, laptop, phone };
}

async function endSession(page: Page, button: RegExp | string, password: string) {
  await page.goto("/settings/sessions");
  await page.getByLabel("Current password").fill(password);
  await page.getByRole("button", { name: button }).click();
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });
    javaScriptVariant(javaScriptEnabled);

    test("the list marks this session; ending one, then all the others, needs the password and signs them out", async ({ page, browser, app }) => {
      const { account, laptop, phone } = await signedInThreeTimes(page, browser, app);
      await page.goto("/settings/sessions");
      await expect(rows(page)).toHaveCount(3);
      const current = page.locator('tr[data-session="current"]');
      await expect(current).toHaveCount(1);
      await expect(current.getByRole("rowheader")).toHaveText(/^Chrome on Linux\s*This device$/);
      await expect(current.getByRole("button")).toHaveCount(0);
      const others = page.locator('tr[data-session="other"]');
      await expect(others).toHaveCount(2);
      await expect(others.locator(".badge")).toHaveCount(0);
      for (const device of ["Firefox on Windows", "Safari on iOS"]) {
        await expect(others.getByRole("rowheader", { name: device })).toBeVisible();
      }
      await expect(page.getByRole("button", { name: "End all other sessions (2)" })).toBeVisible();

      await endSession(page, END_LAPTOP, "");
      await expectFieldError(page.getByLabel("Current password"), "Enter your password.");
      await endSession(page, END_LAPTOP, "not my password at all");
      await expectFieldError(page.getByLabel("Current password"), WRONG_PASSWORD);
      await endSession(page, "End all other sessions (2)", "still not my password");
      await expectFieldError(page.getByLabel("Current password"), WRONG_PASSWORD);

      await expectSignedIn(laptop.page, account.email);
      await page.goto("/settings/sessions");
      await expect(rows(page)).toHaveCount(3);

      // with it: that browser is signed out at its next request, the others are not
      await endSession(page, END_LAPTOP, account.password);
      await expect(page).toHaveURL(/\/settings\/sessions\?ended=1$/);
      await expect(page.getByRole("status")).toContainText("1 session was ended.");
      await expect(rows(page)).toHaveCount(2);
      await expect(page.getByRole("rowheader", { name: "Firefox on Windows" })).toHaveCount(0);
      await expectSignedOut(laptop.page);
      await expectSignedIn(phone.page, account.email);
      await expectSignedIn(page, account.email);

      await endSession(page, "End all other sessions (1)", account.password);
      await expect(page).toHaveURL(/\/settings\/sessions\?ended=1$/);
      await expect(rows(page)).toHaveCount(1);
      await expect(page.locator('tr[data-session="current"]')).toHaveCount(1);
      await expect(page.getByText("You aren't signed in anywhere else.")).toBeVisible();
      await expectSignedOut(phone.page);
      await expectSignedIn(page, account.email);
      await Promise.all([laptop.context.close(), phone.context.close()]);
    });
  });
}

test(`signing in more than ${SESSIONS_PER_USER} times ends the least recently used session`, async ({ page, app }) => {
  const account = await signedInAccount(page, app);
  const others = [];
  for (let index = 0; index < SESSIONS_PER_USER; index++) {
    const request = await playwrightRequest.newContext({ baseURL: app.baseURL });
    await signInThroughAuthRoute(request, account);
    others.push(request);
  }
  // this browser signed in first and has not been used since: it is the one ended
  await expectSignedOut(page);
  // signing in here again makes one more: now the least recently used of the others goes
  // (none has made a request since signing in, so that is the first; asking would count as use)
  await signInQuickly(page, account);
  const [first, ...rest] = others;
  if (first) await expectSentToSignIn(first);
  await page.goto("/settings/sessions");
  await expect(rows(page)).toHaveCount(SESSIONS_PER_USER);
  await expect(page.locator('tr[data-session="current"]')).toHaveCount(1);
  expect((await rest.at(-1)?.get("/profile", { maxRedirects: 0 }))?.status()).toBe(200);
  await Promise.all(others.map((request) => request.dispose()));
});
