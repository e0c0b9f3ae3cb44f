// AUTH_SECRET rotation (SECURITY.md, "Sessions and links"): after a restart with
// AUTH_SECRET=new and AUTH_SECRET_1=old, a cookie sealed under the old secret
// still opens the signed-in zone and comes back sealed under the new one;
// a cookie sealed under a secret the server was never given opens nothing.
import { randomBytes } from "node:crypto";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { decode, encode } from "next-auth/jwt";
import { signInThroughAuthRoute } from "../support/accounts";
import type { AppOptions } from "../support/fixtures";
import { startOwnServer, type OwnServer } from "../support/own-server";

const COOKIE = "authjs.session-token"; // the app is on http://127.0.0.1: no __Host- prefix

let own: OwnServer | undefined;
test.afterEach(async () => {
  await own?.stop();
  own = undefined;
});

/** A client that sends exactly this session cookie and follows no redirect. */
function withCookie(baseURL: string, value: string): Promise<APIRequestContext> {
  return playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { cookie: `${COOKIE}=${value}` } });
}

async function profileStatus(client: APIRequestContext): Promise<{ status: number; location: string | undefined }> {
  const response = await client.get("/profile", { maxRedirects: 0 });
  return { status: response.status(), location: response.headers().location };
}

/** The session cookie a response sets, if any. */
function issuedCookie(setCookie: string | undefined): string | undefined {
  return setCookie
    ?.split("\n")
    .map((line) => line.split(";")[0] ?? "")
    .find((pair) => pair.startsWith(`${COOKIE}=`))
    ?.slice(COOKIE.length + 1);
}

test("a cookie sealed under the previous secret still works after a rotation and is resealed under the new one", async ({}, testInfo) => {
  test.setTimeout(180_000);
  // no worker app: this test starts (and restarts) its own
  own = await startOwnServer((testInfo.project.use as AppOptions).dbKind, () => ({}));
  const oldSecret = own.env.AUTH_SECRET ?? "";
  const browser = await playwrightRequest.newContext({ baseURL: own.baseURL });
  const signedIn = await signInThroughAuthRoute(browser, own.account);
  expect(signedIn.ok()).toBe(true);
  const oldCookie = (await browser.storageState()).cookies.find((cookie) => cookie.name === COOKIE)?.value;
  await browser.dispose();
  if (!oldCookie) throw new Error("no session cookie after signing in");
  const claims = await decode({ token: oldCookie, secret: oldSecret, salt: COOKIE });
  expect(typeof claims?.sid).toBe("string");

  const newSecret = randomBytes(32).toString("base64url");
  await own.restart({ AUTH_SECRET: newSecret, AUTH_SECRET_1: oldSecret });

  const holder = await withCookie(own.baseURL, oldCookie);
  expect(await profileStatus(holder)).toEqual({ status: 200, location: undefined });
  // Auth.js reseals the session whenever it is read through its route
  const session = await holder.get("/api/auth/session");
  expect(((await session.json()) as { user?: { email?: string } }).user?.email).toBe(own.account.email);
  const resealed = issuedCookie(session.headers()["set-cookie"]);
  if (!resealed) throw new Error("the session was not reissued");
  expect(await decode({ token: resealed, secret: newSecret, salt: COOKIE })).toMatchObject({ sid: claims?.sid, sub: claims?.sub });
  await expect(decode({ token: resealed, secret: oldSecret, salt: COOKIE })).rejects.toThrow();
  await holder.dispose();

  // the same claims, sealed under a secret this server does not hold, open nothing
  const forged = await encode({ token: claims ?? {}, secret: randomBytes(32).toString("base64url"), salt: COOKIE });
  const stranger = await withCookie(own.baseURL, forged);
  const refused = await profileStatus(stranger);
  expect(refused.status).toBeGreaterThanOrEqual(300);
  expect(refused.status).toBeLessThan(400);
  expect(refused.location).toMatch(/\/login(\?|$)/);
  await stranger.dispose();

  // once the old secret is dropped, its cookies stop working too
  await own.restart({ AUTH_SECRET_1: "" });
  const late = await withCookie(own.baseURL, oldCookie);
  expect((await profileStatus(late)).location).toMatch(/\/login(\?|$)/);
  await late.dispose();
});
