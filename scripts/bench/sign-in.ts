// A sign-in over plain HTTP, the way Auth.js's own route takes it (as in
// e2e/support/accounts.ts): fetch a CSRF token, which also sets its cookie,
// then post the credentials form from the app's own origin, as a browser on
// the sign-in page would. Success is a redirect into the app that sets the
// session cookie; Auth.js reports refusals in the redirect's query.
import { ANSWER, signInVerdict, successOnly, unexpectedStatus, type Verdict } from "./answers";
import { CookieJar, send } from "./http";
import type { Outcome } from "./load";

const SESSION_COOKIE = "authjs.session-token"; // no __Host- prefix: the bench serves plain HTTP

/** `location`: where Auth.js sent the browser (a refusal's page says why) */
export type SignInAttempt = { verdict: Verdict; jar: CookieJar; ms: number; location: string | null };

/** One sign-in, named (see answers.ts); `password` says which kind was sent, so a wrong one let in is caught. */
export async function attemptSignIn(baseURL: string, email: string, password: string, kind: "right" | "wrong" = "right"): Promise<SignInAttempt> {
  const jar = new CookieJar();
  const csrf = await send(`${baseURL}/api/auth/csrf`, { jar });
  if (csrf.status !== 200) return { verdict: unexpectedStatus(csrf.status, "csrf"), jar, ms: csrf.ms, location: null };
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const answer = await send(`${baseURL}/api/auth/callback/credentials`, {
    method: "POST",
    jar,
    headers: { "content-type": "application/x-www-form-urlencoded", origin: new URL(baseURL).origin },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${baseURL}/profile` }),
  });
  const location = answer.headers.get("location");
  const verdict = signInVerdict({ status: answer.status, location, sessionCookie: jar.has(SESSION_COOKIE) }, baseURL, kind);
  return { verdict, jar, ms: csrf.ms + answer.ms, location };
}

export type SignIn = Outcome & { jar: CookieJar };

/** A sign-in that must succeed: any other answer is the bench's failure. */
export async function signIn(baseURL: string, email: string, password: string): Promise<SignIn> {
  const { verdict, jar, ms } = await attemptSignIn(baseURL, email, password);
  return { ...successOnly(verdict, ANSWER.signedIn, ms), jar };
}
