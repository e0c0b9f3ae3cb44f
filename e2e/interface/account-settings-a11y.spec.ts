// The profile and settings pages in the states a person meets them (with a
// picture, a pending change, other sessions, errors, the emailed link's
// pages, the goodbye) pass axe, and the settings navigation marks where you
// are. Each page's plain state is checked, light and dark, in pages-tour.spec.ts.
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { axe } from "../support/axe";
import { expect, test } from "../support/fixtures";
import { RED, solidImage } from "../support/images";
import { uniqueEmail } from "../support/mail";
import { anotherBrowser, requestEmailChange, signedInAccount, WRONG_PASSWORD } from "../support/settings";

const SETTINGS_LINKS = [
  ["Profile", "/profile"],
  ["Edit profile", "/profile/edit"],
  ["Email", "/settings/email"],
  ["Password", "/settings/password"],
  ["Sessions", "/settings/sessions"],
  ["Activity", "/settings/activity"],
  ["Delete account", "/settings/delete"],
] as const;

/** The settings links that the server's HTML marks aria-current="page": what a browser without JavaScript gets. */
function currentLinksIn(html: string): string[] {
  const nav = html.match(/<nav aria-label="Account settings"[^>]*>([\s\S]*?)<\/nav>/)?.[1] ?? "";
  return [...nav.matchAll(/<a ([^>]*)>([^<]*)<\/a>/g)]
    .filter(([, attributes]) => attributes?.includes('aria-current="page"'))
    .map(([, attributes, label]) => `${label} ${attributes?.match(/href="([^"]*)"/)?.[1]}`);
}

/** Runs axe on the page as it is now; violations are collected per state, so one run reports them all. */
function axeChecker(page: Page) {
  const found: Record<string, { rule: string; targets: string[] }[]> = {};
  const check = async (state: string) => {
    // Next.js streams the metadata: after a client-side navigation the title comes a moment later
    await expect(page).toHaveTitle(/Accounts$/);
    const { violations } = await axe(page).analyze();
    if (violations.length > 0) found[state] = violations.map((v) => ({ rule: v.id, targets: v.nodes.map((n) => n.target.join(" ")) }));
  };
  return { check, found };
}

test("the profile pages pass axe, with an error and with a picture", async ({ page, app }) => {
  const { check, found } = axeChecker(page);
  await signedInAccount(page, app);
  await page.goto("/profile");
  await expect(page.getByRole("img", { name: "No profile picture" })).toBeVisible();
  await check("/profile");

  await page.goto("/profile/edit");
  await page.getByLabel("Name", { exact: true }).fill("");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByLabel("Name", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await check("/profile/edit with an error");

  await page.getByLabel("Upload a picture").setInputFiles({ name: "red.png", mimeType: "image/png", buffer: await solidImage("png", 64, 64, RED) });
  await page.getByRole("button", { name: "Upload picture" }).click();
  await expect(page.getByRole("status")).toContainText("Your new picture was saved.");
  await check("/profile/edit with a picture");
  await page.goto("/profile");
  await expect(page.getByRole("main").getByRole("img", { name: "Your profile picture" })).toBeVisible();
  await check("/profile with a picture");
  expect(found).toEqual({});
});

test("the settings navigation marks the current page; the settings pages pass axe with errors, a pending change and other sessions", async ({ page, browser, app }) => {
  const { check, found } = axeChecker(page);
  const account = await signedInAccount(page, app);

  // the settings navigation marks where you are, in the server's HTML and after client-side navigation
  await page.goto("/profile");
  const nav = page.getByRole("navigation", { name: "Account settings" });
  for (const [label, path] of SETTINGS_LINKS) {
    expect(currentLinksIn(await (await page.request.get(path)).text())).toEqual([`${label} ${path}`]);
    await nav.getByRole("link", { name: label, exact: true }).click();
    await expect(page).toHaveURL(`${app.baseURL}${path}`);
    await expect(nav.getByRole("link")).toHaveCount(SETTINGS_LINKS.length);
    await expect(nav.locator('[aria-current="page"]')).toHaveCount(1);
    await expect(nav.getByRole("link", { name: label, exact: true })).toHaveAttribute("aria-current", "page");
  }

  await requestEmailChange(page, uniqueEmail("axe-new"), "not my password at all");
  await expect(page.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");
  await check("/settings/email with an error");
  await requestEmailChange(page, uniqueEmail("axe-new"), account.password);
  await expect(page.getByRole("button", { name: "Cancel this change" })).toBeVisible();
  await check("/settings/email with a pending change");

  const other = await anotherBrowser(browser, app, account);
  await page.goto("/settings/sessions");
  await expect(page.getByRole("button", { name: "End all other sessions (1)" })).toBeVisible();
  await check("/settings/sessions with another session");
  await other.context.close();

  await page.goto("/settings/delete");
  await page.getByLabel("Current password").fill("not my password at all");
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByText(WRONG_PASSWORD).first()).toBeVisible();
  await check("/settings/delete with an error");
  expect(found).toEqual({});
});

test("the emailed link's pages and the goodbye page pass axe", async ({ page }) => {
  const { check, found } = axeChecker(page);
  await page.goto(`/confirm-email?token=${randomBytes(32).toString("base64url")}`);
  await expect(page.getByRole("button", { name: "Confirm my new email" })).toBeVisible();
  await check("/confirm-email?token=<token>");
  await page.getByRole("button", { name: "Confirm my new email" }).click();
  await expect(page.getByRole("heading", { name: "This link doesn't work" })).toBeVisible();
  await check("/confirm-email?status=invalid");
  await page.goto("/confirm-email?status=changed");
  await expect(page.getByRole("heading", { name: "Your email was changed" })).toBeVisible();
  await check("/confirm-email?status=changed");
  await page.goto("/account-deleted");
  await expect(page.getByRole("heading", { name: "Your account was deleted" })).toBeVisible();
  await check("/account-deleted");
  expect(found).toEqual({});
});
