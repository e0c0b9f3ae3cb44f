// Malformed requests to the route handlers (Auth.js's, health, readiness,
// the avatar) and to pages with malformed query strings and paths.
import { callerHeaders, type Caller } from "./action-requests";
import { multipart } from "./multipart";
import type { Random } from "./prng";
import type { RawRequest } from "./raw-http";
import { breakingValue, headerValue, INVALID_UTF8, junk, plausibleValue, type Value } from "./values";

/** Auth.js's own CSRF pair: the token a form posts and the cookie it must match. */
export type AuthCsrf = { token: string; cookie: string };

const AUTH_PATHS = [
  "/api/auth/session",
  "/api/auth/csrf",
  "/api/auth/providers",
  "/api/auth/signin",
  "/api/auth/signin/credentials",
  "/api/auth/signout",
  "/api/auth/callback/credentials",
  "/api/auth/callback/nope",
  "/api/auth/error",
  "/api/auth/verify-request",
  "/api/auth/webauthn-options/credentials",
  "/api/auth/nope",
  "/api/auth",
  "/api/auth/session/extra/segments",
];
const OTHER_ROUTES = ["/api/health", "/api/ready", "/profile/avatar"];
const PAGES = [
  "/",
  "/login",
  "/register",
  "/register/check-email",
  "/forgot-password",
  "/reset-password",
  "/verify-email",
  "/confirm-email",
  "/account-deleted",
  "/profile",
  "/profile/edit",
  "/settings/password",
  "/settings/email",
  "/settings/sessions",
  "/settings/delete",
  "/settings/activity",
];
const QUERY_NAMES = ["token", "callbackUrl", "error", "code", "status", "sent", "reset", "updated", "ended", "changed", "requested", "too-large", "resent", "redirectTo"];
const METHODS = ["GET", "GET", "GET", "POST", "POST", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"];

/** Text for a URL: percent-escapes of bytes that are no UTF-8, broken escapes, or raw bytes. */
function urlJunk(random: Random): Value {
  switch (random.int(0, 5)) {
    case 0:
      return [...random.pick(INVALID_UTF8)].map((byte) => `%${byte.toString(16).padStart(2, "0")}`).join("");
    case 1:
      return random.pick(["%", "%%", "%E0%A4%A", "%zz", "%00", "%0d%0a", "%2F%2Fevil.test", "%5C%5Cevil.test", "%ED%A0%80", "%C0%AF"]);
    case 2:
      return random.pick(INVALID_UTF8);
    case 3:
      // a lone surrogate cannot be percent-encoded: it goes out as the bytes UTF-8 would never use for it
      return encodeURIComponent(
        String(junk(random))
          .slice(0, 3000)
          .replace(/[\ud800-\udfff]/g, "\ufffd"),
      ).replace(/%EF%BF%BD/g, "%ED%A0%80");
    case 4:
      return random.pick(["https://evil.test", "//evil.test", "/\\evil.test", "javascript:alert(1)", "data:text/html,x", "a".repeat(random.int(100, 12_000))]);
    default:
      return random.pick(["", "=", "&&", "[]", "a[b]=c", "__proto__"]);
  }
}

function query(random: Random): Buffer {
  const pairs: Buffer[] = [];
  for (let i = random.int(1, 4); i > 0; i--) {
    const name = random.chance(0.85) ? Buffer.from(random.pick(QUERY_NAMES)) : Buffer.from(urlJunk(random));
    pairs.push(Buffer.concat([name, Buffer.from("="), Buffer.from(urlJunk(random))]));
  }
  return Buffer.concat(pairs.flatMap((pair, i) => (i === 0 ? [Buffer.from("?"), pair] : [Buffer.from("&"), pair])));
}

/** A page or route with a malformed query string, or a malformed path beside it. */
export function pageRequest(caller: Caller, random: Random): RawRequest {
  const page = random.pick([...PAGES, ...OTHER_ROUTES, ...AUTH_PATHS]);
  const target = random.chance(0.8)
    ? Buffer.concat([Buffer.from(page), query(random)])
    : Buffer.concat([Buffer.from(page), Buffer.from(random.pick(["/", "/..", "/%2e%2e/api/health", ";x", "//", "/%ff"])), Buffer.from(urlJunk(random))]);
  return { label: `GET ${page} (malformed query or path)`, method: random.chance(0.9) ? "GET" : "HEAD", target, headers: callerHeaders(caller, random) };
}

/** Any method, any body, at a route handler. */
export function routeRequest(caller: Caller, random: Random): RawRequest {
  const path = random.pick([...AUTH_PATHS, ...OTHER_ROUTES]);
  const method = random.pick(METHODS);
  const headers = callerHeaders(caller, random);
  const request: RawRequest = { label: `${method} ${path}`, method, target: random.chance(0.3) ? Buffer.concat([Buffer.from(path), query(random)]) : path, headers };
  if (method === "GET" || method === "HEAD") return request;
  const fields = [
    { name: "csrfToken", value: junk(random) },
    { name: random.pick(["email", "password", "callbackUrl", "redirect", "json"]), value: junk(random) },
  ];
  const form = multipart(fields, random, { malformed: random.chance(0.3) });
  const [body, type] = random.pick<[Buffer, string]>([
    [form.body, form.contentType],
    [Buffer.from(JSON.stringify({ email: junk(random).toString(), password: 1, csrfToken: ["a"] })), "application/json"],
    [Buffer.from("csrfToken=%ff&email=%00&email=x"), "application/x-www-form-urlencoded"],
    [Buffer.concat([Buffer.from("email="), random.pick(INVALID_UTF8)]), "application/x-www-form-urlencoded"],
    [Buffer.from(junk(random)), random.pick(["text/plain", "application/octet-stream", ""])],
  ]);
  headers.push(["Content-Type", type]);
  return { ...request, body };
}

/**
 * A credentials sign-in or sign-out posted to Auth.js: with its real CSRF
 * pair mostly (so the request gets past that check), and always with an
 * email or password the sign-in schema refuses, so no sign-in is attempted.
 * Never with the fuzzer's own session: a sign-out with a valid token is a
 * sign-out, not a malformed request.
 */
export function authFormRequest(caller: Caller, csrf: AuthCsrf, random: Random): RawRequest {
  const signOut = random.chance(0.2);
  const path = signOut ? "/api/auth/signout" : "/api/auth/callback/credentials";
  const victim = random.pick(["email", "password"] as const);
  const fields: [string, Value][] = [];
  const roll = random.next();
  if (roll < 0.8) fields.push(["csrfToken", csrf.token]);
  else if (roll < 0.9) fields.push(["csrfToken", junk(random)]);
  for (const name of ["email", "password"] as const) {
    const kind = name === "email" ? "email" : "password";
    if (name !== victim) {
      if (random.chance(0.9)) fields.push([name, random.chance(0.6) ? plausibleValue(kind, random) : junk(random)]);
      continue;
    }
    // Auth.js keeps the last of a repeated field: a repeat ends with the refused value
    const broken = breakingValue(kind, random);
    if (broken === "repeated") fields.push([name, plausibleValue(kind, random)], [name, ""]);
    else if (broken !== "missing") fields.push([name, broken]);
  }
  if (random.chance(0.4)) fields.push(["callbackUrl", urlJunk(random)]);
  if (random.chance(0.2)) fields.push([random.pick(["remember", "redirect", "json", "id", "role", "emailVerified"]), junk(random)]);
  const headers = callerHeaders({ origin: caller.origin }, random).filter(([name]) => name !== "Cookie");
  headers.push([
    "Cookie",
    Buffer.concat([Buffer.from(csrf.cookie), random.chance(0.1) ? Buffer.concat([Buffer.from("; authjs.callback-url="), headerValue(urlJunk(random), 3000)]) : Buffer.alloc(0)]),
  ]);
  const encoded = Buffer.concat(
    fields.flatMap(([name, value], i) => [
      Buffer.from(i === 0 ? "" : "&"),
      Buffer.from(`${name}=`),
      Buffer.isBuffer(value) ? value : Buffer.from(encodeURIComponent(value.replace(/[\ud800-\udfff]/g, "\ufffd"))),
    ]),
  );
  if (random.chance(0.75)) {
    headers.push(["Content-Type", "application/x-www-form-urlencoded"]);
    return { label: `POST ${path} (form)`, method: "POST", target: path, headers, body: encoded };
  }
  const form = multipart(
    fields.map(([name, value]) => ({ name, value })),
    random,
    { malformed: random.chance(0.2) },
  );
  headers.push(["Content-Type", form.contentType]);
  return { label: `POST ${path} (multipart)`, method: "POST", target: path, headers, body: form.body };
}
