// The core journey: register, confirm from the email with the password (which
// signs in), see the profile, sign out, sign in again, sign out.
import { confirmEmail, newAccount, register, signIn, signOutFromHeader } from "../support/accounts";
import { axe } from "../support/axe";
import { expect, javaScriptVariant, test } from "../support/fixtures";

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });
    javaScriptVariant(javaScriptEnabled);

    test("register → confirm with the password → profile → sign out → sign in → sign out", async ({ page, app }) => {
      const account = newAccount();
      await register(page, account);
      await expect(page.getByText(account.email)).toBeVisible();

      // before confirming, the right password is told to confirm first
      await signIn(page, account);
      await expect(page.getByText("Confirm your email address first")).toBeVisible();

      // ...and that sign-in sent a fresh link, which replaced the first; confirming signs in
      await confirmEmail(page, app, account, 2);
      await expect(page.getByRole("heading", { name: "Your profile" })).toBeVisible();
      await expect(page.getByRole("main")).toContainText(account.email);
      await expect(page.getByRole("main")).toContainText("Verified");
      if (javaScriptEnabled) expect((await axe(page).analyze()).violations).toEqual([]);
      await signOutFromHeader(page);

      await page.getByRole("banner").getByRole("link", { name: "Sign in" }).click();
      await page.getByLabel("Email").fill(account.email);
      await page.getByLabel("Password").fill(account.password);
      await page.getByRole("button", { name: "Sign in" }).click();

      await expect(page).toHaveURL(/\/profile$/);
      await expect(page.getByRole("heading", { name: "Your profile" })).toBeVisible();
      await expect(page.getByRole("main")).toContainText(account.email);
      await expect(page.getByRole("main")).toContainText(account.name);
      // axe runs as a script, so only where scripts run
      if (javaScriptEnabled) expect((await axe(page).analyze()).violations).toEqual([]);

      await page.getByRole("button", { name: "Sign out" }).click();
      await expect(page).toHaveURL(`${app.baseURL}/`);
      await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();

      await page.goBack();
      await expect(page.getByRole("main")).not.toContainText(account.email);
    });
  });
}
