// Fences 10 and 11 (lib/fences.ts). Fence 10: what Auth.js's route is
// asked for in this app, and nothing else: the session and CSRF reads, the
// pages it redirects to ours, the credentials sign-in and the sign-out, each
// posted as a urlencoded form. Anything else (another method, path or body)
// would only reach Auth.js to be refused there, after it had logged an error
// for it. Fence 11: a callback URL Auth.js cannot read.

/** Nothing these forms post comes near this: an email, a password (1,024 characters), a callback path. */
export const AUTH_FORM_LIMIT_BYTES = 64 * 1024;

const READS = new Set(["session", "csrf", "providers", "signin", "signout", "error"]);
const POSTS = new Set(["callback/credentials", "signout"]);

/**
 * Auth.js's own error types are words ("Configuration", "AccessDenied"). Its error action writes the
 * `error` parameter into the Location of its redirect to our error page as it came, unescaped: a
 * character past Latin-1 (U+FFFD from bytes that are no UTF-8, say) or a line break makes that header
 * invalid, and the TypeError thrown is logged as an error.
 */
const ERROR_TYPE = /^[A-Za-z]{1,64}$/;

export type AuthRouteRefusal = { status: 400 | 404 | 405 | 413 | 415; message: string };

/** The Auth.js action a path names ("/api/auth/callback/credentials" → "callback/credentials"). */
function actionOf(pathname: string): string {
  return pathname.replace(/^\/api\/auth\/?/, "").replace(/\/$/, "");
}

export function authRouteRefusal(method: string, url: Pick<URL, "pathname" | "searchParams">, headers: Headers): AuthRouteRefusal | null {
  const action = actionOf(url.pathname);
  if (!READS.has(action) && !POSTS.has(action)) return { status: 404, message: "Not found." };
  if (method === "GET" || method === "HEAD") {
    if (!READS.has(action)) return { status: 405, message: "Method not allowed." };
    const errors = action === "error" ? url.searchParams.getAll("error") : [];
    return errors.every((error) => ERROR_TYPE.test(error)) ? null : { status: 400, message: "The error named in the address is not valid." };
  }
  if (method !== "POST" || !POSTS.has(action)) return { status: 405, message: "Method not allowed." };
  const type = (headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") return { status: 415, message: "Send the form as application/x-www-form-urlencoded." };
  if (Number(headers.get("content-length")) > AUTH_FORM_LIMIT_BYTES) return { status: 413, message: "The form is too large." };
  return null;
}

/** Fence 11: where Auth.js keeps the page to return to; it answers 500 ("server configuration") when that is not a URL. */
export const CALLBACK_URL_COOKIES = ["authjs.callback-url", "__Secure-authjs.callback-url"] as const;

/** Auth.js's own test of a callback URL (assert.ts): an http(s) URL, or a path on the app's origin. */
export function isUsableCallbackUrl(value: string, origin: string): boolean {
  try {
    return /^https?:/.test(new URL(value, value.startsWith("/") ? origin : undefined).protocol);
  } catch {
    return false;
  }
}

/** A cookie's value as Auth.js reads it: the first of that name, percent-decoded where that works, else as sent. */
export function cookieAsAuthJsReadsIt(header: string, name: string): string | undefined {
  for (const pair of header.split(";")) {
    const at = pair.indexOf("=");
    if (at === -1 || pair.slice(0, at).trim() !== name) continue;
    const raw = pair.slice(at + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return undefined;
}
