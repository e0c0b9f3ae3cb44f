// Database outage (SECURITY.md, "Errors"), for the forms that are only a
// button: removing the profile picture, cancelling an email change and signing
// out, pressed while PostgreSQL is stopped, with and without JavaScript. None
// answers with an error page or leaves a stack trace in the log. The first two
// say "something went wrong, nothing was changed" (without JavaScript the
// signed-in page they return to says "unavailable, nothing was changed", 503),
// and nothing is changed. Sign-out clears the cookie anyway and says the
// session's end is not confirmed yet; once the database is back the session row
// is revoked in the background, so a copy of the cookie stops working too.
import type { Browser, Page } from "@playwright/test";
import { SIGNED_OUT_UNCONFIRMED_MESSAGE, UNAVAILABLE_MESSAGE } from "../../lib/auth/unavailable";
import { createDbClient } from "../../lib/db";
import { UNEXPECTED } from "../../lib/form-messages";
import { startPrivatePostgres } from "../../test/private-postgres";
import { sessionCookie } from "../support/accounts";
import { answerTime } from "../support/answer-time";
import { expect, test } from "../support/fixtures";
import { RED, solidImage } from "../support/images";
import { startInstances, type Instances } from "../support/instances";
import { uniqueEmail } from "../support/mail";
import { requestEmailChange, signInQuickly } from "../support/settings";

const ANSWER_WITHIN_MS = 5_000;
/** the background retries of an unconfirmed sign-out wait 1, 2, 4, 8, 16, then 30 s between tries */
const LATE_REVOCATION_WITHIN_MS = 45_000;

/** A signed-in browser whose account has a picture and an email change waiting, with the three pages open. */
async function signedInBrowser(browser: Browser, instances: Instances, baseURL: string, javaScriptEnabled: boolean) {
  const account = await instances.createVerifiedAccount();
  const context = await browser.newContext({ baseURL, javaScriptEnabled });
  const page = await context.newPage();
  await signInQuickly(page, account);
  await page.goto("/profile/edit");
  await page.getByLabel("Upload a picture").setInputFiles({ name: "red.png", mimeType: "image/png", buffer: await solidImage("png", 64, 64, RED) });
  await page.getByRole("button", { name: "Upload picture" }).click();
  await expect(page).toHaveURL(/\/profile\/edit\?updated=avatar$/);
  const pendingEmail = uniqueEmail("outage-new");
  await requestEmailChange(page, pendingEmail, account.password);
  await expect(page).toHaveURL(/\/settings\/email\?requested=1$/);
  const open = async (path: string) => {
    const opened = await context.newPage();
    await opened.goto(path);
    return opened;
  };
  const cookie = await sessionCookie(context);
  if (!cookie) throw new Error("no session cookie");
  // the same session in another browser, as a copied cookie would be
  const copy = await browser.newContext({ baseURL });
  await copy.addCookies([cookie]);
  return { account, pendingEmail, context, copy, edit: await open("/profile/edit"), email: await open("/settings/email"), profile: await open("/profile") };
}

function isJsonObject(line: string): boolean {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === "object" && value !== null;
  } catch {
    return false;
  }
}

/** Presses the button; the server's answer to its post must come within the limit, and not as a 5xx error page. */
async function press(page: Page, name: string): Promise<number> {
  let status = 0;
  const ms = await answerTime(page, async () => {
    const answered = page.waitForResponse((response) => response.request().method() === "POST");
    await page.getByRole("button", { name }).click();
    status = (await answered).status();
  });
  expect(ms, `${name}: answer time`).toBeLessThan(ANSWER_WITHIN_MS);
  return status;
}

/** A button that changes something answered "nothing was changed": in its form, or (without JavaScript) on the unavailable page. */
async function expectNothingChanged(page: Page, name: string, javaScriptEnabled: boolean, formPath: string) {
  const status = await press(page, name);
  if (javaScriptEnabled) {
    expect(status, name).toBe(200);
    await expect(page).toHaveURL(new RegExp(`${formPath}$`));
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(UNEXPECTED);
    // the button stays, to be pressed again
    await expect(page.getByRole("button", { name })).toBeEnabled();
  } else {
    // fence 4: the form's page, rendered after the action, sends the person to /unavailable: a 303, so the browser fetches it
    expect(status, name).toBe(303);
    await expect(page).toHaveURL(/\/unavailable\?from=/);
    await expect(page.getByRole("alert")).toHaveText(UNAVAILABLE_MESSAGE);
  }
}

test.describe("Database outage: buttons", () => {
  test.skip(({ dbKind }) => dbKind !== "postgres", "it stops a PostgreSQL server of its own; the embedded database lives inside the app's process");

  test("remove picture, cancel an email change and sign out while PostgreSQL is stopped, with and without JavaScript", async ({ browser }) => {
    test.setTimeout(240_000);
    const cluster = await startPrivatePostgres();
    // the instance's stop() also stops and deletes the cluster
    const instances = await startInstances(1, {}, { kind: "postgres", url: cluster.url, drop: cluster.destroy });
    const [server] = instances.servers;
    try {
      if (!server) throw new Error("no server");
      const { baseURL } = server;
      const people = [];
      for (const javaScriptEnabled of [true, false]) people.push({ javaScriptEnabled, ...(await signedInBrowser(browser, instances, baseURL, javaScriptEnabled)) });

      const logFrom = server.logs().length;
      const outageFrom = new Date();
      await cluster.stop();
      for (const { javaScriptEnabled, account, edit, email, profile, context } of people) {
        // the home page still answers a signed-in visitor, showing nobody's details
        const home = await context.newPage();
        expect((await home.goto("/"))?.status()).toBe(200);
        await expect(home.getByRole("heading", { name: "Your account, done right" })).toBeVisible();
        await expect(home.getByText(account.email)).toHaveCount(0);
        await home.close();
        await expectNothingChanged(edit, "Remove picture", javaScriptEnabled, "/profile/edit");
        await expectNothingChanged(email, "Cancel this change", javaScriptEnabled, "/settings/email");
        // signed out in this browser all the same, and told that the session's end is not confirmed yet
        expect(await press(profile, "Sign out")).toBe(javaScriptEnabled ? 200 : 303);
        await expect(profile).toHaveURL(/\/\?signed-out=unconfirmed$/);
        await expect(profile.getByRole("status")).toHaveText(SIGNED_OUT_UNCONFIRMED_MESSAGE);
        await expect(profile.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" })).toBeVisible();
        expect(await sessionCookie(context)).toBeUndefined();
      }
      // one structured line per fault, and no stack trace or any other unstructured output
      const outageLog = server.logs().slice(logFrom);
      const unstructured = outageLog.split("\n").filter((line) => line.trim() !== "" && !isJsonObject(line.trim()));
      expect(unstructured, `first characters: ${unstructured.map((line) => line.charCodeAt(0)).join(", ")}`).toEqual([]);
      // a post without JavaScript runs the action and renders its page: the session is asked after once, not twice
      const checks = [...outageLog.matchAll(/"event":"current_user_failed","requestId":"([^"]+)"/g)].map((match) => match[1]);
      expect(checks.length).toBeGreaterThanOrEqual(4);
      expect(checks.length, "requests that asked the database twice").toBe(new Set(checks).size);
      expect(outageLog.match(/"event":"sign_out_unconfirmed"/g)).toHaveLength(2);
      expect(outageLog).not.toContain('"event":"action_failed"');

      await cluster.start();
      // the revocation lands on its own: the copied cookies stop working, and the sign-outs are recorded
      for (const { copy } of people) {
        await expect
          .poll(async () => (await copy.request.get("/profile", { maxRedirects: 0 })).headers().location ?? "HTTP 200", { timeout: LATE_REVOCATION_WITHIN_MS })
          .toMatch(/^\/login\?/);
      }
      expect(server.exit()).toBeUndefined();

      // nothing was changed: each picture and each waiting email change is still there
      const db = createDbClient(cluster.url);
      try {
        for (const { account, pendingEmail } of people) {
          const user = await db.user.findUniqueOrThrow({ where: { email: account.email }, select: { id: true, image: true, pendingEmail: true } });
          expect(user.image).not.toBeNull();
          expect(user.pendingEmail).toBe(pendingEmail);
          const signOuts = await db.securityEvent.findMany({
            where: { userId: user.id, type: "sign_out", createdAt: { gte: outageFrom } },
            select: { outcome: true, detail: true },
          });
          expect(signOuts).toEqual([{ outcome: "success", detail: { confirmedLate: true } }]);
          const cancelled = await db.securityEvent.count({ where: { userId: user.id, type: "email_change_cancelled" } });
          expect(cancelled).toBe(0);
        }
      } finally {
        await db.$disconnect();
      }

      // and the same button works again once the database is back
      const [first] = people;
      if (!first) throw new Error("no person");
      await signInQuickly(first.edit, first.account);
      await first.edit.goto("/profile/edit");
      await first.edit.getByRole("button", { name: "Remove picture" }).click();
      await expect(first.edit).toHaveURL(/\/profile\/edit\?updated=avatar-removed$/);
      for (const { context, copy } of people) await Promise.all([context.close(), copy.close()]);
    } finally {
      await instances.stop();
    }
  });
});
