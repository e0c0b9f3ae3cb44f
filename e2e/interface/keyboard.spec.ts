// Registration to profile, and a password reset, with the keyboard alone:
// Tab, Shift+Tab, Enter and Space, and typing into the focused field. No
// element is clicked or filled; opening an emailed link is the one jump.
import { expect, type Locator, type Page } from "@playwright/test";
import { createVerifiedAccount, newAccount, verificationLink } from "../support/accounts";
import { test } from "../support/fixtures";
import { NEW_PASSWORD, resetLink } from "../support/reset";

/** Presses Tab until `target` has focus; fails if it never gets there. */
async function tabTo(page: Page, target: Locator, max = 40) {
  for (let presses = 0; presses < max; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused({ timeout: 1 });
}

async function typeInto(page: Page, field: Locator, text: string) {
  await tabTo(page, field);
  await page.keyboard.type(text);
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });
    // whole journeys with a registration, a sign-in and mail each: a busy machine needs more than a minute
    test.slow();

    test("register → confirm with the password (signed in) → edit the profile, by keyboard", async ({ page, app }) => {
      const account = newAccount("keys");
      const main = page.getByRole("main");
      await page.goto("/");
      await tabTo(page, main.getByRole("link", { name: "Create an account" }));
      await page.keyboard.press("Enter");
      await expect(page.getByRole("heading", { name: "Create an account" })).toBeVisible();

      // an empty form: the error summary takes focus, and its first link leads to the name
      await tabTo(page, page.getByRole("button", { name: "Create account" }));
      await page.keyboard.press("Enter");
      const summary = main.getByRole("alert");
      await expect(summary).toBeFocused();
      await page.keyboard.press("Tab");
      await expect(summary.getByRole("link").first()).toBeFocused();
      await page.keyboard.press("Enter");
      const name = page.getByLabel("Name");
      await expect(name).toBeFocused();

      await page.keyboard.type(account.name);
      await typeInto(page, page.getByLabel("Email"), account.email);
      const password = page.getByLabel("Password", { exact: true });
      await typeInto(page, password, account.password);
      if (javaScriptEnabled) {
        // Space on the show-password button reveals what was typed, and again hides it
        const show = page.getByRole("button", { name: "Show password", exact: true });
        await tabTo(page, show);
        await page.keyboard.press("Space");
        await expect(show).toHaveAttribute("aria-pressed", "true");
        await expect(password).toHaveAttribute("type", "text");
        await page.keyboard.press("Space");
        await expect(password).toHaveAttribute("type", "password");
        await page.keyboard.press("Shift+Tab");
        await expect(password).toBeFocused();
      }
      await typeInto(page, page.getByLabel("Confirm password"), account.password);
      await page.keyboard.press("Enter");
      await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();

      // the link's page asks for the account's password; Enter in it confirms and signs in
      await page.goto(await verificationLink(app, account.email));
      await typeInto(page, page.getByLabel("Password", { exact: true }), account.password);
      await page.keyboard.press("Enter");
      await expect(page).toHaveURL(/\/profile\?updated=verified$/);
      await expect(page.getByRole("heading", { name: "Your profile" })).toBeVisible();

      await tabTo(page, page.getByRole("navigation", { name: "Account settings" }).getByRole("link", { name: "Edit profile" }));
      await page.keyboard.press("Enter");
      await tabTo(page, page.getByLabel("Bio"));
      await page.keyboard.type("Typed without a mouse.");
      await tabTo(page, page.getByRole("button", { name: "Save profile" }));
      await page.keyboard.press("Enter");
      await expect(page.getByRole("status")).toContainText("Your profile was saved.");
      await expect(main).toContainText("Typed without a mouse.");
    });

    test("forgot password → emailed link → new password → sign in, by keyboard", async ({ page, app }) => {
      const account = createVerifiedAccount(app);
      await page.goto("/login");
      await tabTo(page, page.getByRole("link", { name: "Forgot your password?" }));
      await page.keyboard.press("Enter");
      await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
      await typeInto(page, page.getByLabel("Email"), account.email);
      await page.keyboard.press("Enter");
      await expect(page.getByText("If that address has an account, we've sent a link")).toBeVisible();

      await page.goto(await resetLink(app.sink, account.email));
      await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
      await typeInto(page, page.getByLabel("New password", { exact: true }), NEW_PASSWORD);
      await typeInto(page, page.getByLabel("Confirm new password"), NEW_PASSWORD);
      await page.keyboard.press("Enter");
      await expect(page.getByText("Your password was changed and every device was signed out.")).toBeVisible();

      await typeInto(page, page.getByLabel("Email"), account.email);
      await typeInto(page, page.getByLabel("Password", { exact: true }), NEW_PASSWORD);
      await page.keyboard.press("Enter");
      await expect(page).toHaveURL(/\/profile$/);
      await expect(page.getByRole("main")).toContainText(account.email);
    });
  });
}
