// The security log (SECURITY.md, "What is logged"): one account's whole life,
// from registration to deletion, with the refusals along the way, leaves one
// JSON line for every event type SECURITY.md names, each with the keys an
// investigator needs, and the address only as a hash keyed apart from
// AUTH_SECRET (so rotating the session secret does not re-key the log).
import { eventHashKeyFrom } from "../../lib/env";
import { emailHash, SECURITY_EVENT_TYPES } from "../../lib/security-events";
import { createConfirmedAccount, newAccount, register, signInThroughAuthRoute } from "../support/accounts";
import { expect, test } from "../support/fixtures";
import { linkFromMail, uniqueEmail } from "../support/mail";
import { chooseNewPassword, NEW_PASSWORD, requestReset, resetLink } from "../support/reset";
import { anotherBrowser, CONFIRM_CHANGE_SUBJECT, confirmEmailChange, requestEmailChange, signInQuickly, signOut } from "../support/settings";

type LogLine = Record<string, unknown> & { event: string; time: string };

test("every documented event is logged once it happens, as one JSON line with time, request id, outcome, user, address hash and IP", async ({ page, browser, app }) => {
  test.setTimeout(180_000);
  const start = app.server.logs().length;
  // registration, email_verified, sign_in (success): registered and confirmed on the page
  const account = await createConfirmedAccount(page, app, "log");

  // sign_in failure, then throttled: the free failures are per address, known or not
  const stranger = await browser.newContext({ baseURL: app.baseURL });
  const nobody = uniqueEmail("log-nobody");
  for (let n = 0; n < 6; n++) await signInThroughAuthRoute(stranger.request, { email: nobody, password: `guess number ${n}` }, { maxRedirects: 0 });
  // csrf_rejected: a post from another site
  await stranger.request.post("/forgot-password", { form: { email: nobody }, headers: { origin: "https://evil.example" }, maxRedirects: 0 });

  // verification_resend
  const pending = newAccount("log-pending");
  const other = await stranger.newPage();
  await register(other, pending);
  await other.getByRole("button", { name: "Send a new link" }).click();
  await expect(other.getByRole("status").or(other.getByRole("alert")).first()).toBeVisible();
  await stranger.close();

  // password_changed
  await page.goto("/settings/password");
  await page.getByLabel("Current password").fill(account.password);
  await page.getByLabel("New password", { exact: true }).fill("copper kettles hum at noon");
  await page.getByLabel("Confirm new password").fill("copper kettles hum at noon");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password was changed.")).toBeVisible();
  account.password = "copper kettles hum at noon";

  // email_change_requested, email_change_cancelled, then requested again and email_changed
  await requestEmailChange(page, uniqueEmail("log-dropped"), account.password);
  await page.getByRole("button", { name: "Cancel this change" }).click();
  await expect(page).toHaveURL(/cancelled=1$/);
  const moved = uniqueEmail("log-moved");
  await requestEmailChange(page, moved, account.password);
  await confirmEmailChange(page, await linkFromMail(app.sink, moved, CONFIRM_CHANGE_SUBJECT, "/confirm-email?token="));
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  account.email = moved;

  // sessions_revoked
  const laptop = await anotherBrowser(browser, app, account);
  await page.goto("/settings/sessions");
  await page.getByLabel("Current password").fill(account.password);
  await page.getByRole("button", { name: /End all other sessions/ }).click();
  await expect(page.getByRole("button", { name: /End all other sessions/ })).toHaveCount(0);
  await laptop.context.close();

  // sign_out, password_reset_requested, password_reset
  await page.goto("/profile");
  await signOut(page, app);
  await requestReset(page, account.email);
  await page.goto(await resetLink(app.sink, account.email));
  await chooseNewPassword(page);
  await expect(page.getByText("Your password was changed and every device was signed out")).toBeVisible();
  account.password = NEW_PASSWORD;

  // account_deleted
  await signInQuickly(page, account);
  await page.goto("/settings/delete");
  await page.getByLabel("Current password").fill(account.password);
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL(/\/account-deleted$/);

  const lines = app.server
    .logs()
    .slice(start)
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as LogLine);
  const events = lines.filter((line) => (SECURITY_EVENT_TYPES as readonly string[]).includes(line.event));
  expect(new Set(events.map((line) => line.event))).toEqual(new Set(SECURITY_EVENT_TYPES));
  const signInOutcomes = new Set(events.filter((line) => line.event === "sign_in").map((line) => line.outcome));
  expect([...signInOutcomes]).toEqual(expect.arrayContaining(["success", "failure", "throttled"]));
  for (const line of events) {
    expect(line.time, line.event).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Object.keys(line), line.event).toEqual(expect.arrayContaining(["level", "outcome", "userId", "emailHash", "ip", "requestId"]));
    expect(line.ip, line.event).toBe("127.0.0.1");
  }
  const key = eventHashKeyFrom(app.env.PASSWORD_PEPPER ?? "");
  const failures = events.filter((line) => line.event === "sign_in" && line.outcome !== "success" && line.userId === null);
  expect(failures.length).toBeGreaterThanOrEqual(6);
  for (const line of failures) expect(line.emailHash).toBe(emailHash(key, nobody));
  expect(lines.map((line) => JSON.stringify(line)).join("\n")).not.toContain(nobody);
});
