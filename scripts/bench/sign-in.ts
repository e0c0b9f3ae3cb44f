// A sign-in over plain HTTP, the way Auth.js's own route takes it (as in
// e2e/support/accounts.ts): fetch a CSRF token, which also sets its cookie,
// then post the credentials form. Success is a redirect into the app that
// sets the session cookie; Auth.js reports refusals in the redirect's query.
import { CookieJar, send } from "./http";
import type { Outcome } from "./load";

const SESSION_COOKIE = "authjs.session-token"; // no __Host- prefix: the bench serves plain HTTP

export type SignIn = Outcome & { jar: CookieJar };

export async function signIn(baseURL: string, email: string, password: string): Promise<SignIn> {
  const jar = new CookieJar();
  const csrf = await send(`${baseURL}/api/auth/csrf`, { jar });
  if (csrf.status !== 200) return { ok: false, error: `csrf: HTTP ${csrf.status}`, jar };
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const answer = await send(`${baseURL}/api/auth/callback/credentials`, {
    method: "POST",
    jar,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${baseURL}/profile` }),
  });
  const location = answer.headers.get("location") ?? "";
  if (answer.status !== 302) return { ok: false, error: `HTTP ${answer.status}`, jar };
  const refusal = new URL(location, baseURL).searchParams;
  if (refusal.has("error")) return { ok: false, error: `refused (${refusal.get("code") ?? refusal.get("error")})`, jar };
  if (!jar.has(SESSION_COOKIE)) return { ok: false, error: "no session cookie", jar };
  return { ok: true, ms: csrf.ms + answer.ms, jar };
}
