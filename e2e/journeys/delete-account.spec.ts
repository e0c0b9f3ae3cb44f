// Deleting the account, with and without JavaScript: only with the right
// password; then every browser is signed out, a goodbye is mailed, the old
// credentials match nothing and the address can register again.
import type { Page } from "@playwright/test";
import { confirmEmail, register, sessionCookie, signIn } from "../support/accounts";
import { expect, javaScriptVariant, test } from "../support/fixtures";
import { mailsTo, uniqueEmail } from "../support/mail";
import {
  ACCOUNT_DELETED_SUBJECT,
  anotherBrowser,
  expectFieldError,
  expectSentToSignIn,
  expectSignedIn,
  expectSignedOut,
  requestEmailChange,
  SIGN_IN_FAILED,
  signedInAccount,
  WRONG_PASSWORD,
} from "../support/settings";

async function deleteAccount(page: Page, password: string) {
  await page.goto("/settings/delete");
  await page.getByLabel("Current password").fill(password);
  await page.getByRole("button", { name: "Delete my account" }).click();
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });
    javaScriptVariant(javaScriptEnabled);

    test("a wrong password is refused; the right one deletes the account for good", async ({ page, browser, app }) => {
      const account = await signedInAccount(page, app);
      const elsewhere = await anotherBrowser(browser, app, account);

      await deleteAccount(page, "not my password at all");
      await expectFieldError(page.getByLabel("Current password"), WRONG_PASSWORD);
      await expect(page).toHaveURL(/\/settings\/delete$/);
      await expectSignedIn(page, account.email);

      await deleteAccount(page, account.password);
      await expect(page).toHaveURL(/\/account-deleted$/);
      await expect(page.getByRole("heading", { name: "Your account was deleted" })).toBeVisible();
      await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
      expect(await sessionCookie(page.context())).toBeUndefined();
      await expectSignedOut(page);
      await expectSentToSignIn(elsewhere.context.request);
      await elsewhere.context.close();

      const goodbye = await app.sink.waitFor((m) => m.to.includes(account.email) && ACCOUNT_DELETED_SUBJECT.test(m.subject));
      expect(goodbye.text).toContain("This address is free to register again.");

      await signIn(page, account);
      await expect(page.getByRole("main").getByRole("alert")).toContainText(SIGN_IN_FAILED);
      await expect(page).toHaveURL(/\/login$/);

      // the address is free: registering it again sends a new confirmation link, not "you have an account"
      await register(page, account);
      await confirmEmail(page, app, account);
      expect(mailsTo(app.sink, account.email, /Someone tried to sign up/)).toHaveLength(0);
    });
  });
}

test("five wrong passwords across the settings forms lock them all, even against the right one", async ({ page, app }) => {
  const account = await signedInAccount(page, app);
  const wrong = "not my password at all";
  await requestEmailChange(page, uniqueEmail("never"), wrong);
  await expectFieldError(page.getByLabel("Current password"), WRONG_PASSWORD);
  await page.goto("/settings/password");
  await page.getByLabel("Current password").fill(wrong);
  await page.getByLabel("New password", { exact: true }).fill("copper kettles hum at noon");
  await page.getByLabel("Confirm new password").fill("copper kettles hum at noon");
  await page.getByRole("button", { name: "Change password" }).click();
  await expectFieldError(page.getByLabel("Current password"), WRONG_PASSWORD);
  for (let attempt = 0; attempt < 3; attempt++) {
    await deleteAccount(page, wrong);
    await expectFieldError(page.getByLabel("Current password"), WRONG_PASSWORD);
  }

  await deleteAccount(page, account.password);
  await expect(page.getByRole("main").getByRole("alert")).toContainText(/Too many attempts\. Try again in \d+ minutes?\./);
  await expect(page).toHaveURL(/\/settings\/delete$/);
  await expectSignedIn(page, account.email);
});
