// Over https (SECURITY.md, "Sessions and links") the session cookie is
// `__Host-authjs.session-token` with Secure, HttpOnly, SameSite=Lax, Path=/
// and no Domain, and no Auth.js cookie goes out without Secure. The app sits
// behind a TLS-terminating proxy here: AUTH_URL is https, the proxy is trusted
// and says X-Forwarded-Proto: https. (The emailed-link cookies are checked by
// their own spec.)
import { expect, request as playwrightRequest, test, type APIResponse } from "@playwright/test";
import type { AppOptions } from "../support/fixtures";
import { startOwnServer, type OwnServer } from "../support/own-server";

type SetCookie = { name: string; value: string; attributes: Map<string, string> };

function parseSetCookie(header: string): SetCookie {
  const [pair = "", ...parts] = header.split(";").map((part) => part.trim());
  const split = pair.indexOf("=");
  const attributes = new Map<string, string>();
  for (const part of parts) {
    const equals = part.indexOf("=");
    attributes.set((equals < 0 ? part : part.slice(0, equals)).toLowerCase(), equals < 0 ? "" : part.slice(equals + 1));
  }
  return { name: pair.slice(0, split), value: pair.slice(split + 1), attributes };
}

function setCookies(response: APIResponse): SetCookie[] {
  return response
    .headersArray()
    .filter((header) => header.name.toLowerCase() === "set-cookie")
    .map((header) => parseSetCookie(header.value));
}

let own: OwnServer | undefined;
test.afterEach(async () => {
  await own?.stop();
  own = undefined;
});

test("signing in over https sets a __Host- session cookie, and every auth cookie is Secure", async ({}, testInfo) => {
  test.setTimeout(120_000);
  own = await startOwnServer((testInfo.project.use as AppOptions).dbKind, (baseURL) => ({
    AUTH_URL: baseURL.replace("http://", "https://"),
    TRUSTED_PROXIES: "127.0.0.1",
  }));
  const origin = own.baseURL.replace("http://", "https://");
  // the cookie jar is ours: a client's jar might drop Secure cookies on the proxy's plain-http hop
  const client = await playwrightRequest.newContext({ baseURL: own.baseURL, extraHTTPHeaders: { "x-forwarded-proto": "https" } });
  const jar = new Map<string, string>();
  const seen: SetCookie[] = [];
  const remember = (response: APIResponse) => {
    for (const cookie of setCookies(response)) {
      seen.push(cookie);
      jar.set(cookie.name, cookie.value);
    }
  };
  const cookieHeader = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");

  const csrf = await client.get("/api/auth/csrf");
  remember(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const signIn = await client.post("/api/auth/callback/credentials", {
    form: { email: own.account.email, password: own.account.password, csrfToken },
    headers: { origin, cookie: cookieHeader() },
    maxRedirects: 0,
  });
  remember(signIn);
  expect(signIn.status()).toBe(302);
  // signed in: sent home, over https (not back to the form with an error)
  expect(signIn.headers().location).toMatch(/^https:\/\/[^/]+\/$/);
  const session = await client.get("/api/auth/session", { headers: { cookie: cookieHeader() } });
  remember(session);
  expect(((await session.json()) as { user?: { email?: string } }).user?.email).toBe(own.account.email);
  await client.dispose();

  const sessionCookies = seen.filter((cookie) => cookie.name.endsWith("authjs.session-token") && cookie.value !== "");
  expect(sessionCookies.length).toBeGreaterThan(0);
  for (const cookie of sessionCookies) {
    expect(cookie.name).toBe("__Host-authjs.session-token");
    expect({
      secure: cookie.attributes.has("secure"),
      httpOnly: cookie.attributes.has("httponly"),
      sameSite: cookie.attributes.get("samesite")?.toLowerCase(),
      path: cookie.attributes.get("path"),
      domain: cookie.attributes.get("domain"),
    }).toEqual({ secure: true, httpOnly: true, sameSite: "lax", path: "/", domain: undefined });
  }
  // the CSRF cookie keeps Auth.js's __Host- name; every cookie Auth.js sets is Secure
  expect(seen.map((cookie) => cookie.name)).toContain("__Host-authjs.csrf-token");
  const authCookies = seen.filter((cookie) => cookie.name.includes("authjs."));
  expect(authCookies.filter((cookie) => !cookie.attributes.has("secure")).map((cookie) => cookie.name)).toEqual([]);
  for (const cookie of authCookies.filter((each) => each.name.startsWith("__Host-"))) {
    expect({ name: cookie.name, path: cookie.attributes.get("path"), domain: cookie.attributes.get("domain") }).toEqual({
      name: cookie.name,
      path: "/",
      domain: undefined,
    });
  }
});
