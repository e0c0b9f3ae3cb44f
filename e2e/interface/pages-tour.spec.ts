// Every page, signed out and signed in, including the pages emailed links
// open (and what they answer to a wrong password) and a form's error summary: no axe violations in light or dark mode,
// nothing scrolls sideways at 320 px, and screenshots at 375 and 1280 px land
// in test-results/screenshots/<project>/ for a person to look at.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { createVerifiedAccount, newAccount, register, submitConfirmation, verificationLink } from "../support/accounts";
import { expect, test } from "../support/fixtures";
import { screenshotDir, tourPage, type TourFindings } from "../support/page-tour";
import { requestReset, resetLink } from "../support/reset";
import { signInQuickly } from "../support/settings";

const forgedToken = () => randomBytes(32).toString("base64url");

// each page is photographed three times and analysed twice: tours take a while on a busy machine
test.describe.configure({ timeout: 300_000 });

test.beforeAll(({}, testInfo) => {
  fs.mkdirSync(screenshotDir(testInfo), { recursive: true });
});

test("signed-out pages", async ({ page }, testInfo) => {
  const findings: TourFindings = {};
  for (const [name, path] of [
    ["home", "/"],
    ["check-email", "/register/check-email"],
    ["forgot-password", "/forgot-password"],
    ["forgot-password-sent", "/forgot-password?sent=1"],
    ["account-deleted", "/account-deleted"],
    ["not-found", "/no-such-page"],
  ] as const) {
    await page.goto(path);
    await tourPage(page, testInfo, name, findings);
  }
  expect(findings).toEqual({});
});

test("the sign-in and registration forms, empty and refused", async ({ page }, testInfo) => {
  const findings: TourFindings = {};
  const look = (name: string) => tourPage(page, testInfo, name, findings);
  await page.goto("/login");
  await look("login");
  await page.goto("/register");
  await look("register");

  // a submit the browser refuses: the error summary has focus and links to each field
  await page.goto("/register");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toBeFocused();
  await look("register-errors");

  await page.goto("/login");
  await page.getByLabel("Email").fill("nobody@example.test");
  await page.getByLabel("Password").fill("not a password of anyone");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toBeFocused();
  await look("login-error");
  expect(findings).toEqual({});
});

test("the pages emailed links open", async ({ page, app }, testInfo) => {
  const findings: TourFindings = {};
  const look = (name: string) => tourPage(page, testInfo, name, findings);
  // without a token first: once a link is opened, its page keeps the token in a cookie
  for (const [name, path] of [
    ["verify-email-invalid", "/verify-email"],
    ["verify-email", `/verify-email?token=${forgedToken()}`],
    ["verify-email-confirmed", "/verify-email?status=verified"],
    ["verify-email-already-confirmed", "/verify-email?status=confirmed"],
    ["confirm-email-invalid", "/confirm-email?status=invalid"],
    ["confirm-email", `/confirm-email?token=${forgedToken()}`],
    ["confirm-email-changed", "/confirm-email?status=changed"],
    ["reset-password-invalid", "/reset-password"],
  ] as const) {
    await page.goto(path);
    await look(name);
  }

  // a forged link's form, sent: the page says the link doesn't work
  await page.goto(`/verify-email?token=${forgedToken()}`);
  await submitConfirmation(page, "any password at all");
  await expect(page.getByRole("heading", { name: "This link doesn't work" })).toBeVisible();
  await look("verify-email-link-doesnt-work");

  // a real link: a wrong password, then the right one, which confirms and signs in
  const account = newAccount("tour-links");
  await register(page, account);
  await page.goto(await verificationLink(app, account.email));
  await submitConfirmation(page, "not the right passphrase");
  await expect(page.getByLabel("Password", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await look("verify-email-wrong-password");
  await submitConfirmation(page, account.password);
  await expect(page).toHaveURL(/\/profile\?updated=verified$/);
  await look("profile-confirmed");

  await page.context().clearCookies();
  await requestReset(page, account.email);
  await page.goto(await resetLink(app.sink, account.email));
  await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await look("reset-password");
  expect(findings).toEqual({});
});

test("signed-in pages", async ({ page, app }, testInfo) => {
  const findings: TourFindings = {};
  const look = (name: string) => tourPage(page, testInfo, name, findings);
  const account = createVerifiedAccount(app);
  await signInQuickly(page, account);
  for (const [name, path] of [
    ["home-signed-in", "/"],
    ["profile", "/profile"],
    ["profile-edit", "/profile/edit"],
    ["settings-email", "/settings/email"],
    ["settings-password", "/settings/password"],
    ["settings-sessions", "/settings/sessions"],
    ["settings-activity", "/settings/activity"],
    ["settings-delete", "/settings/delete"],
  ] as const) {
    await page.goto(path);
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await look(name);
  }

  await page.goto("/settings/password");
  await page.getByLabel("Current password").fill("not my password at all");
  // Enter, not a click: leaving the field shows its error, which moves the button under a mouse
  await page.getByLabel("New password", { exact: true }).fill("short");
  await page.getByLabel("New password", { exact: true }).press("Enter");
  await expect(page.getByRole("main").getByRole("alert")).toBeFocused();
  await look("settings-password-errors");
  expect(findings).toEqual({});
});
