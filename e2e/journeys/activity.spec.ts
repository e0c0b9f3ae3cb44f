// Security events (SECURITY.md, "What is logged"): the owner sees their own
// recent activity at /settings/activity (sign-ins that worked and failed,
// changes they made), from the client address the server saw, and nobody
// else's. The server log holds one JSON line per event and never a password,
// token or link.
import type { Page } from "@playwright/test";
import { createConfirmedAccount, sessionCookie, signInThroughAuthRoute, verificationLink } from "../support/accounts";
import { axe } from "../support/axe";
import { expect, test } from "../support/fixtures";
import { signedInAccount } from "../support/settings";

/** The activity table's rows as "what · result · IP". */
async function activityRows(page: Page): Promise<string[]> {
  await page.goto("/settings/activity");
  await expect(page.getByRole("heading", { name: "Recent activity", level: 1 })).toBeVisible();
  return page
    .getByRole("table")
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader") })
    .evaluateAll((rows) => rows.map((row) => [1, 2, 4].map((cell) => row.children[cell]?.textContent?.trim()).join(" · ")));
}

test("Security events: the activity page lists the owner's sign-ins and changes, from the address the server saw", async ({ page, browser, app }) => {
  const logStart = app.server.logs().length;
  // registered and confirmed on the page: those are the first two events
  const account = await createConfirmedAccount(page, app, "activity");
  // a failed guess at the owner's password, claiming another address in a header nobody vouches for
  const stranger = await browser.newContext({ baseURL: app.baseURL, extraHTTPHeaders: { "x-forwarded-for": "192.0.2.99" } });
  await signInThroughAuthRoute(stranger.request, { email: account.email, password: "a wrong guess entirely" }, { maxRedirects: 0 });
  // someone else's account and failures are not the owner's business
  const other = await browser.newContext({ baseURL: app.baseURL });
  const otherAccount = await signedInAccount(await other.newPage(), app);
  await signInThroughAuthRoute(other.request, { email: otherAccount.email, password: "another wrong guess" }, { maxRedirects: 0 });

  const rows = await activityRows(page);
  expect(rows).toEqual([
    "Sign-in · Failed · 127.0.0.1",
    "Sign-in · Succeeded · 127.0.0.1",
    "Email address confirmed · Succeeded · 127.0.0.1",
    "Account created · Succeeded · 127.0.0.1",
  ]);
  expect(rows.join()).not.toContain("192.0.2.99");

  const { violations } = await axe(page).analyze();
  expect(violations).toEqual([]);

  // the log: one JSON line per event, with no secret in any line
  const lines = app.server
    .logs()
    .slice(logStart)
    .split("\n")
    .filter((line) => line.includes('"sign_in"'));
  expect(lines.length).toBeGreaterThanOrEqual(4);
  for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
  const log = app.server.logs().slice(logStart);
  const link = await verificationLink(app, account.email);
  const cookie = await sessionCookie(page.context());
  expect(cookie).toBeDefined();
  for (const secret of [account.password, "a wrong guess entirely", new URL(link).searchParams.get("token") ?? link, account.email, cookie?.value ?? ""]) {
    expect(log).not.toContain(secret);
  }
  await stranger.close();
  await other.close();
});
