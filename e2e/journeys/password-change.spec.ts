// Changing the password while signed in, on both databases.
import type { Page } from "@playwright/test";
import { createVerifiedAccount, sessionCookie, signIn as submitSignIn, type TestAccount } from "../support/accounts";
import { axe } from "../support/axe";
import { expect, javaScriptVariant, test } from "../support/fixtures";

const NEW_PASSWORD = "copper kettles hum at noon";

async function signIn(page: Page, account: Pick<TestAccount, "email" | "password">) {
  await submitSignIn(page, account);
  await expect(page).toHaveURL(/\/profile$/);
}

async function changePassword(page: Page, current: string, next: string, confirm = next) {
  await page.goto("/settings/password");
  await page.getByLabel("Current password").fill(current);
  await page.getByLabel("New password", { exact: true }).fill(next);
  await page.getByLabel("Confirm new password").fill(confirm);
  await page.getByRole("button", { name: "Change password" }).click();
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });
    javaScriptVariant(javaScriptEnabled);

    test("keeps this session under a new id, ends the others, and sends a notice", async ({ page, browser, app }) => {
      const account = createVerifiedAccount(app);
      await signIn(page, account);
      const before = await sessionCookie(page.context());
      if (!before) throw new Error("no session cookie after signing in");
      const otherContext = await browser.newContext();
      const other = await otherContext.newPage();
      await signIn(other, account);

      await changePassword(page, account.password, NEW_PASSWORD);
      await expect(page.getByText("Your password was changed. This device stays signed in")).toBeVisible();

      await page.goto("/profile");
      await expect(page.getByRole("heading", { name: "Your profile" })).toBeVisible();
      await other.goto("/profile");
      await expect(other).toHaveURL(/\/login/);
      await otherContext.close();

      // the cookie this browser held before the change (a copy, say) no longer works; the new one does
      const after = await sessionCookie(page.context());
      expect(after?.value).toBeTruthy();
      expect(after?.value).not.toBe(before.value);
      const copy = await browser.newContext({ baseURL: app.baseURL });
      await copy.addCookies([before]);
      const copied = await copy.request.get("/profile", { maxRedirects: 0 });
      expect(copied.headers().location).toMatch(/\/login/);
      await copy.close();
      const rows = await app.withDb((db) => db.session.findMany({ where: { user: { email: account.email }, revokedAt: null } }));
      expect(rows).toHaveLength(1);
      await page.goto("/settings/sessions");
      await expect(page.getByText("This device")).toBeVisible();

      const notice = await app.sink.waitFor((m) => m.to.includes(account.email) && /password was changed/.test(m.subject));
      expect(notice.text).toContain("changed in your account settings");
      expect(notice.text).toMatch(/from Chrome on Linux/);
      expect(notice.text + notice.html).not.toContain(NEW_PASSWORD);
    });

    test("explains a wrong current password, a weak one and a repeat, changing nothing", async ({ page, app }) => {
      const account = createVerifiedAccount(app);
      await signIn(page, account);

      await changePassword(page, "not my password at all", NEW_PASSWORD);
      await expect(page.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");
      await expect(page.getByText("That isn't your current password.").first()).toBeVisible();

      await changePassword(page, account.password, "password1234");
      await expect(page.getByLabel("New password", { exact: true })).toHaveAttribute("aria-invalid", "true");

      await changePassword(page, account.password, account.password);
      await expect(page.getByText("different from your current one").first()).toBeVisible();

      // the old password still works everywhere
      await page.getByRole("button", { name: "Sign out" }).click();
      await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
      await signIn(page, account);
    });
  });
}

test("the settings page asks signed-out people to sign in first", async ({ page }) => {
  await page.goto("/settings/password");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fsettings%2Fpassword/);
});

test("the change-password page has no accessibility violations", async ({ page, app }) => {
  const account = createVerifiedAccount(app);
  await signIn(page, account);
  await page.goto("/settings/password");
  expect((await axe(page).analyze()).violations).toEqual([]);
  await changePassword(page, "wrong current password", NEW_PASSWORD);
  await expect(page.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");
  expect((await axe(page).analyze()).violations).toEqual([]);
});
