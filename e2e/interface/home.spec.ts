import { axe } from "../support/axe";
import { expect, test } from "../support/fixtures";

test.describe("home page", () => {
  for (const colorScheme of ["light", "dark"] as const) {
    test(`renders with no accessibility violations (${colorScheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await page.goto("/");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      const results = await axe(page).analyze();
      expect(results.violations).toEqual([]);
    });
  }

  test("the production build has no development mailbox", async ({ request }) => {
    const response = await request.get("/dev/mailbox");
    expect(response.status()).toBe(404);
  });
});
