// Every action of the signed-in zone checks the session itself (SECURITY.md,
// "Sessions and links"): a page's check does not cover the actions it renders,
// and proxy.ts only redirects for convenience. Each action is called as a form
// posted without JavaScript, with inputs that would succeed for the account
// (its real current password, a new address, a real picture), but with no
// cookie, or with the cookie of a session that has ended. Each answer sends to
// sign in and nothing changes.
import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, PlaywrightWorkerArgs } from "@playwright/test";
import { authCsrf, createVerifiedAccount, sessionCookie, signIn, signInThroughAuthRoute, type TestAccount } from "../support/accounts";
import { expect, test, type App } from "../support/fixtures";
import { actionCatalogue, type ActionSpec } from "../support/fuzz/action-catalogue";
import { snapshotDatabase } from "../support/fuzz/db-snapshot";
import { RED, solidImage } from "../support/images";
import { uniqueEmail } from "../support/mail";

/** The routes of the signed-in zone, read from its folder so new pages are covered too. */
const SIGNED_IN_ROUTES = new Set(
  fs
    .readdirSync("app/(account)", { recursive: true, encoding: "utf8" })
    .filter((file) => path.basename(file) === "page.tsx")
    .map(
      (file) =>
        `/${path
          .dirname(file)
          .split(path.sep)
          .filter((part) => !part.startsWith("("))
          .join("/")}`,
    ),
);

/** Sign-out changes only this browser's own session, so without one it has nothing to refuse. */
const NOT_ACCOUNT_DATA = new Set(["signOutAction"]);

type Multipart = Record<string, string | { name: string; mimeType: string; buffer: Buffer }>;

/** Values that would pass each field's checks for this account. */
async function validFields(spec: ActionSpec, account: TestAccount): Promise<Multipart> {
  const fields: Multipart = {};
  for (const [name, kind] of Object.entries(spec.fields)) {
    if (kind === "password") fields[name] = account.password;
    else if (kind === "new-password") fields[name] = "copper kettles hum at noon";
    else if (kind === "email") fields[name] = uniqueEmail("takeover");
    else if (kind === "name") fields[name] = "Mallory";
    else if (kind === "bio") fields[name] = "written without a session";
    else if (kind === "session") fields[name] = "others";
    else if (kind === "file") fields[name] = { name: "me.png", mimeType: "image/png", buffer: await solidImage("png", 64, 64, RED) };
    else fields[name] = "";
  }
  return fields;
}

/** The form useActionState renders, posted as a browser without JavaScript posts it. */
async function postForm(request: APIRequestContext, app: App, spec: ActionSpec, fields: Multipart, cookie?: string) {
  const multipart: Multipart = {
    $ACTION_REF_1: "",
    "$ACTION_1:0": JSON.stringify({ id: spec.id, bound: "$@1" }),
    "$ACTION_1:1": spec.hasState ? "[null]" : "[]",
    $ACTION_KEY: "k1",
    ...fields,
  };
  const headers: Record<string, string> = { origin: app.baseURL };
  if (cookie) headers.cookie = cookie;
  return request.post(spec.page, { multipart, headers, maxRedirects: 0 });
}

test("every signed-in action refuses a call with no session or an ended one, and changes nothing", async ({ page, app, playwright }) => {
  test.setTimeout(180_000);
  const actions = actionCatalogue().filter((spec) => SIGNED_IN_ROUTES.has(spec.page) && !NOT_ACCOUNT_DATA.has(spec.name));
  expect(actions.map((spec) => spec.name).sort()).toEqual(
    expect.arrayContaining(["changePasswordAction", "deleteAccountAction", "endSessionsAction", "updateProfileAction", "uploadAvatarAction"]),
  );
  const account = createVerifiedAccount(app);
  await signIn(page, account);
  await expect(page).toHaveURL(/\/profile$/);
  const live = await sessionCookie(page.context());
  if (!live) throw new Error("no session cookie after signing in");
  const liveCookie = `${live.name}=${live.value}`;
  const ended = await signedOutCookie(app, account, playwright);

  const request = await playwright.request.newContext({ baseURL: app.baseURL });
  const before = await app.withDb(snapshotDatabase);
  for (const spec of actions) {
    for (const [who, cookie] of [
      ["no cookie", undefined],
      ["an ended session", ended],
    ] as const) {
      const answer = await postForm(request, app, spec, await validFields(spec, account), cookie);
      expect([303, 307], `${spec.name} with ${who}`).toContain(answer.status());
      expect(answer.headers().location, `${spec.name} with ${who}`).toMatch(/\/login\?callbackUrl=/);
    }
  }
  expect(await app.withDb(snapshotDatabase)).toEqual(before);

  // the same post with the live session does what it is for: the calls above were well formed
  const update = actions.find((spec) => spec.name === "updateProfileAction");
  if (!update) throw new Error("no profile action in the build");
  const answer = await postForm(request, app, update, await validFields(update, account), liveCookie);
  expect(answer.status()).toBe(303);
  const user = await app.withDb((db) => db.user.findUniqueOrThrow({ where: { email: account.email } }));
  expect(user.name).toBe("Mallory");
  await request.dispose();
});

test("a forged x-middleware-subrequest header gets no one past the gate (CVE-2025-29927)", async ({ page }) => {
  const answer = await page.request.get("/profile", {
    headers: { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" },
    maxRedirects: 0,
  });
  expect([302, 303, 307]).toContain(answer.status());
  expect(answer.headers().location).toMatch(/\/login/);
});

/** The cookie of a session that was signed out: it still decodes, but its row is revoked. */
async function signedOutCookie(app: App, account: TestAccount, playwright: PlaywrightWorkerArgs["playwright"]) {
  const other = await playwright.request.newContext({ baseURL: app.baseURL });
  const csrf = await authCsrf(other);
  await signInThroughAuthRoute(other, account, { csrf, maxRedirects: 0 });
  const cookie = (await other.storageState()).cookies.find((entry) => /authjs\.session-token$/.test(entry.name));
  if (!cookie) throw new Error("no session cookie for the second browser");
  await other.post("/api/auth/signout", { form: { csrfToken: csrf.csrfToken }, headers: { origin: csrf.origin }, maxRedirects: 0 });
  await other.dispose();
  return `${cookie.name}=${cookie.value}`;
}
