// Throttling [12-16]: after five failed sign-ins for one address the next
// try waits, whatever its password, with a clear message on the page and
// Retry-After from Auth.js's route; an address with no account gets exactly
// the same answers. (Lockout and the per-IP limit, across two instances, are
// in two-instances.spec.ts.)
import type { Page } from "@playwright/test";
import { createVerifiedAccount, signIn, signInThroughAuthRoute } from "../support/accounts";
import { expect, javaScriptVariant, test } from "../support/fixtures";
import { uniqueEmail } from "../support/mail";
import { SIGN_IN_FAILED } from "../support/settings";

const FREE_FAILURES = 5; // SIGNIN_FREE_FAILURES's default
const WAIT = "Too many failed sign-ins. Try again in 5 minutes.";

/** What the sign-in page says to each of `passwords`, in turn. */
async function answersTo(page: Page, email: string, passwords: string[]): Promise<string[]> {
  const answers: string[] = [];
  for (const password of passwords) {
    await signIn(page, { email, password });
    const alert = page.getByRole("main").getByRole("alert");
    await expect(alert).toBeVisible();
    answers.push((await alert.textContent()) ?? "");
  }
  return answers;
}

const wrongGuesses = Array.from({ length: FREE_FAILURES }, (_, i) => `wrong guess number ${i}`);

for (const javaScriptEnabled of [true, false]) {
  test.describe(() => {
    javaScriptVariant(javaScriptEnabled);
    test(`Throttling: the sixth sign-in after five failures waits, even with the right password (${javaScriptEnabled ? "with" : "without"} JavaScript)`, async ({
      browser,
      app,
    }) => {
      const account = createVerifiedAccount(app);
      const context = await browser.newContext({ baseURL: app.baseURL, javaScriptEnabled });
      const person = await context.newPage();
      const answers = await answersTo(person, account.email, [...wrongGuesses, account.password]);
      expect(answers).toEqual([...wrongGuesses.map(() => SIGN_IN_FAILED), WAIT]);
      await expect(person).toHaveURL(/\/login/);
      await person.goto("/profile");
      await expect(person).toHaveURL(/\/login\?callbackUrl=/);
      await context.close();
    });
  });
}

test("Throttling: an address with no account gets exactly the same answers", async ({ page, app }) => {
  const known = createVerifiedAccount(app);
  const unknown = uniqueEmail("throttle-nobody");
  const forKnown = await answersTo(page, known.email, [...wrongGuesses, known.password]);
  const forUnknown = await answersTo(page, unknown, [...wrongGuesses, known.password]);
  expect(forUnknown).toEqual(forKnown);
});

test("Throttling: Auth.js's route answers a throttled sign-in with Retry-After", async ({ page, app }) => {
  const account = createVerifiedAccount(app);
  for (const password of wrongGuesses) {
    const failed = await signInThroughAuthRoute(page.request, { email: account.email, password }, { maxRedirects: 0 });
    expect(failed.headers().location).toContain("code=credentials");
    expect(failed.headers()["retry-after"]).toBeUndefined();
  }
  const throttled = await signInThroughAuthRoute(page.request, account, { maxRedirects: 0 });
  expect(throttled.headers().location).toMatch(/code=throttled-\d+/);
  const retryAfter = Number(throttled.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThan(240);
  expect(retryAfter).toBeLessThanOrEqual(300);
  // the sign-in page reads the code back into the same words
  await page.goto(throttled.headers().location ?? "/login");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(WAIT);
});

test("Throttling: a throttled account and a throttled address with no account get the same status, Location and words", async ({ page, app }) => {
  const known = createVerifiedAccount(app);
  const unknown = { email: uniqueEmail("throttle-alike-nobody"), password: known.password };
  const answers = [];
  for (const who of [known, unknown]) {
    for (const password of wrongGuesses) await signInThroughAuthRoute(page.request, { email: who.email, password }, { maxRedirects: 0 });
    const throttled = await signInThroughAuthRoute(page.request, who, { maxRedirects: 0 });
    const location = throttled.headers().location ?? "";
    await page.goto(location);
    const words = await page.getByRole("main").getByRole("alert").textContent();
    // the seconds left may differ by the time the test took between the two
    answers.push({ status: throttled.status(), location: location.replace(/throttled-\d+/, "throttled-N"), words });
  }
  expect(answers[1]).toEqual(answers[0]);
  expect(answers[0]).toEqual({ status: 302, location: expect.stringMatching(/\/login\?error=CredentialsSignin&code=throttled-N$/), words: WAIT });
});
