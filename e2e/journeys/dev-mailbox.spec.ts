// The development mailbox, under `next dev` with no SMTP server configured:
// a queued message is delivered by the worker into the local mailbox, where a
// person can read it and follow its links.
import type { Page } from "@playwright/test";
import { axe } from "../support/axe";
import { expect, test } from "../support/fixtures";

async function sendAndOpen(page: Page, to: string, note: string) {
  await page.goto("/dev/mailbox");
  await page.getByLabel("To", { exact: true }).fill(to);
  await page.getByLabel(/^Note/).fill(note);
  await page.getByRole("button", { name: "Send test email" }).click();
  await expect(page.getByText("Queued.")).toBeVisible();
  // the worker delivers within a poll or two; reload until it is listed
  const message = page.getByRole("row").filter({ hasText: to }).getByRole("link", { name: "Test email" });
  await expect(async () => {
    await page.goto("/dev/mailbox");
    await expect(message).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await message.click();
  // next dev compiles the message page on its first visit: on a busy machine
  // that alone can take longer than the usual ten seconds
  await expect(page.getByRole("heading", { name: "Test email", level: 1 })).toBeVisible({ timeout: 60_000 });
}

test.describe("development mailbox", () => {
  test("shows a test email sent through the outbox and follows its link", async ({ page, app }) => {
    await sendAndOpen(page, "reader@example.test", "hello <b>there</b>");
    const textPart = page.locator("pre");
    await expect(textPart).toContainText("Your note: hello <b>there</b>");
    await expect(page.frameLocator("iframe[title='HTML part']").getByText("Mail delivery works")).toBeVisible();
    const results = await axe(page).exclude("iframe[title='HTML part']").analyze();
    expect(results.violations).toEqual([]);

    await textPart.getByRole("link", { name: app.baseURL }).click();
    await expect(page).toHaveURL(`${app.baseURL}/`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("sends and reads a test email", async ({ page }) => {
      await sendAndOpen(page, "nojs@example.test", "plain form post");
      await expect(page.locator("pre")).toContainText("Your note: plain form post");
    });

    test("explains a bad address and keeps what was typed", async ({ page }) => {
      await page.goto("/dev/mailbox");
      // the browser's own check lets "a@b" through; the server's does not
      await page.getByLabel("To", { exact: true }).fill("a@b");
      await page.getByRole("button", { name: "Send test email" }).click();
      const to = page.getByLabel("To", { exact: true });
      await expect(to).toHaveAttribute("aria-invalid", "true");
      await expect(to).toHaveValue("a@b");
    });
  });
});
