// Editing the profile's name and bio, with and without JavaScript: what is
// saved shows on the profile and in the header, and what is refused changes
// nothing. User text is shown as text, never run as markup.
import type { Page } from "@playwright/test";
import { createVerifiedAccount } from "../support/accounts";
import { expect, javaScriptVariant, test } from "../support/fixtures";
import { expectFieldError, signedInAccount, signInQuickly } from "../support/settings";

async function editDetails(page: Page, details: { name: string; bio: string }) {
  await page.goto("/profile/edit");
  await page.getByLabel("Name", { exact: true }).fill(details.name);
  await page.getByLabel("Bio").fill(details.bio);
  await page.getByRole("button", { name: "Save profile" }).click();
}

/** The browser's maxlength stops a person at the limit; the server must stop a forged request too. */
async function dropLengthLimits(page: Page) {
  await page.locator("#field-name, #field-bio").evaluateAll((fields) => fields.forEach((field) => field.removeAttribute("maxlength")));
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });
    javaScriptVariant(javaScriptEnabled);

    test("a new name and bio show on the profile and in the header; invalid ones are refused and change nothing", async ({ page, app }) => {
      const account = await signedInAccount(page, app);
      await page.goto("/profile");
      await expect(page.getByRole("main").getByText("No bio yet.")).toBeVisible();

      const bio = "Writes compilers.\nLikes long walks and short loops.";
      await editDetails(page, { name: "  Grace Hopper  ", bio });
      await expect(page).toHaveURL(/\/profile\?updated=details$/);
      await expect(page.getByRole("status").filter({ hasText: "Your profile was saved." })).toBeVisible();
      const main = page.getByRole("main");
      const expectProfile = async () => {
        await expect(main.locator("dd").first()).toHaveText("Grace Hopper");
        await expect(main.locator(".bio")).toHaveText(bio);
        await expect(main).toContainText(account.email);
        await expect(page.getByRole("banner").getByRole("link", { name: "Grace Hopper" })).toBeVisible();
      };
      await expectProfile();
      await expect(main).not.toContainText("No bio yet.");

      // the form starts from what was saved; the browser stops typing at the limits, a forged post must be stopped too
      await page.goto("/profile/edit");
      await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Grace Hopper");
      await expect(page.getByLabel("Bio")).toHaveValue(bio);
      await expect(page.getByLabel("Name", { exact: true })).toHaveAttribute("maxlength", "100");
      await expect(page.getByLabel("Bio")).toHaveAttribute("maxlength", "500");
      await dropLengthLimits(page);
      await page.getByLabel("Name", { exact: true }).fill("   ");
      await page.getByLabel("Bio").fill("b".repeat(501));
      await page.getByRole("button", { name: "Save profile" }).click();
      await expectFieldError(page.getByLabel("Name", { exact: true }), "Enter your name.");
      await expectFieldError(page.getByLabel("Bio"), "Use at most 500 characters.");
      await expect(page).toHaveURL(/\/profile\/edit$/);

      await dropLengthLimits(page);
      await page.getByLabel("Name", { exact: true }).fill("n".repeat(101));
      await page.getByLabel("Bio").fill("b".repeat(500));
      await page.getByRole("button", { name: "Save profile" }).click();
      await expectFieldError(page.getByLabel("Name", { exact: true }), "Use at most 100 characters.");
      await expect(page.getByLabel("Bio")).not.toHaveAttribute("aria-invalid", "true");
      await expect(page).toHaveURL(/\/profile\/edit$/);

      await page.goto("/profile");
      await expectProfile();

      // an emptied bio is no bio
      await editDetails(page, { name: "Grace Hopper", bio: "   " });
      await expect(page).toHaveURL(/\/profile\?updated=details$/);
      await expect(main.getByText("No bio yet.")).toBeVisible();
    });
  });
}

test("markup in the name and bio is shown as text and never runs", async ({ page, app }) => {
  const name = `<img src=x onerror="window.__xss=1">`;
  const bio = `<script>window.__xss=2</script><b>bold?</b>`;
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await signedInAccount(page, app);
  await editDetails(page, { name, bio });
  await expect(page).toHaveURL(/\/profile\?updated=details$/);

  for (const path of ["/profile", "/profile/edit", "/settings/email"]) {
    await page.goto(path);
    await expect(page.getByRole("banner").getByRole("link", { name })).toBeVisible();
  }
  await page.goto("/profile");
  const main = page.getByRole("main");
  await expect(main.locator("dd").first()).toHaveText(name);
  await expect(main.locator(".bio")).toHaveText(bio);
  await expect(page.locator('img[src="x"], main script, main b')).toHaveCount(0);
  expect(await page.evaluate(() => (window as Window & { __xss?: unknown }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
});

test.describe("what the profile form reads and what the profile page reveals", () => {
  type Row = Record<string, unknown> & { id: string; email: string; passwordHash: string | null };
  let caller: { email: string; password: string; row: Row };
  let victim: { row: Row };

  test.beforeAll(async ({ app }) => {
    const callerAccount = createVerifiedAccount(app);
    const victimAccount = createVerifiedAccount(app);
    const rows = await app.withDb((db) => db.user.findMany({ where: { email: { in: [callerAccount.email, victimAccount.email] } }, omit: { passwordHash: false } }));
    const rowOf = (email: string) => {
      const row = rows.find((r) => r.email === email);
      if (!row?.passwordHash) throw new Error(`no row with a password for ${email}`);
      return row;
    };
    caller = { ...callerAccount, row: rowOf(callerAccount.email) };
    victim = { row: rowOf(victimAccount.email) };
  });

  test("the profile page holds no password hash and no internal id", async ({ page }) => {
    await signInQuickly(page, caller);
    await page.goto("/profile");
    const html = await page.content();
    const raw = await (await page.request.get("/profile")).text();
    expect(raw).toContain(caller.email); // the raw response is the signed-in page
    for (const body of [html, raw]) {
      expect(body).not.toMatch(/\$2[aby]?\$\d\d\$/); // any bcrypt hash
      expect(body).not.toContain(caller.row.passwordHash);
      expect(body).not.toMatch(/passwordHash/i);
      expect(body).not.toContain(caller.row.id);
    }
  });

  test("extra fields sent with the profile form are ignored, with and without JavaScript", async ({ page, browser, app }) => {
    const forged = {
      id: victim.row.id,
      email: `taken-over-${Date.now()}@example.test`,
      emailVerified: "",
      passwordHash: victim.row.passwordHash ?? "",
      pendingEmail: "attacker@example.test",
      image: "https://attacker.example/track.png",
      createdAt: "2000-01-01T00:00:00.000Z",
      role: "admin",
    };
    const withoutScript = await browser.newContext({ baseURL: app.baseURL, javaScriptEnabled: false });
    const pages = [page, await withoutScript.newPage()];
    for (const [index, current] of pages.entries()) {
      await signInQuickly(current, caller);
      await current.goto("/profile/edit");
      await current.getByLabel("Name", { exact: true }).fill(`Mallory ${index}`);
      await current.getByLabel("Bio").fill(`Attempt ${index}`);
      const details = current.locator("form").filter({ has: current.getByRole("button", { name: "Save profile" }) });
      await details.evaluate((form, fields) => {
        for (const [name, value] of Object.entries(fields)) {
          const input = document.createElement("input");
          Object.assign(input, { type: "hidden", name, value });
          form.append(input);
        }
      }, forged);
      await current.getByRole("button", { name: "Save profile" }).click();
      await expect(current).toHaveURL(/\/profile\?updated=details$/);
      await expect(current.getByRole("main").locator("dd").first()).toHaveText(`Mallory ${index}`);
    }
    await withoutScript.close();

    const after = await app.withDb((db) => db.user.findMany({ where: { id: { in: [caller.row.id, victim.row.id] } }, omit: { passwordHash: false } }));
    const callerAfter = after.find((row) => row.id === caller.row.id);
    expect(callerAfter).toEqual({ ...caller.row, name: "Mallory 1", bio: "Attempt 1", updatedAt: expect.any(Date) });
    expect(after.find((row) => row.id === victim.row.id)).toEqual(victim.row);
  });
});

test("a notice named in the address that is no notice (an inherited name, a repeat) shows nothing, and the page works", async ({ page, app }) => {
  await signedInAccount(page, app);
  for (const query of ["updated=__proto__", "updated=constructor", "updated=avatar&updated=avatar", "too-large&too-large"]) {
    const response = await page.goto(`/profile/edit?${query}`);
    expect(response?.status(), query).toBe(200);
    await expect(page.getByRole("heading", { name: "Edit your profile" })).toBeVisible();
    await expect(page.getByRole("status")).toHaveCount(0);
  }
});
