// What the app answered to a registration or a sign-in, named. A designed
// answer is one the app means to give under load: the success, a refusal of
// a wrong password, "too many" (a throttle, or 429) and "busy" (the hashing
// queue is full). Anything else is an error, also when its status is 2xx or
// 3xx: a page that says something went wrong on our side, or a redirect
// that carries Auth.js's fault code, is a fault dressed as an answer.
import { TOO_MANY_FROM_NETWORK } from "../../lib/account/ip-limits";
import { throttledSeconds } from "../../lib/auth/sign-in-messages";
import { FIX_FIELDS, UNEXPECTED } from "../../lib/form-messages";
import { SERVER_BUSY_MESSAGE } from "../../lib/server-busy";
import type { Outcome } from "./load";
import { decodeEntities } from "./no-js-form";

export type Verdict = { designed: true; answer: string } | { designed: false; error: string };

export const ANSWER = {
  registered: "registered",
  signedIn: "signed in",
  refused: "refused (wrong password)",
  throttled: "throttled",
  busy: "busy",
  locked: "locked",
  tooMany: "429 too many requests",
} as const;

const designed = (answer: string): Verdict => ({ designed: true, answer });
const error = (reason: string): Verdict => ({ designed: false, error: reason });

/** Where registration sends a new account. */
const CHECK_EMAIL_PAGE = "/register/check-email";

/** For the bench, which measures successes only: every other answer, designed or not, is its failure. */
export function successOnly(verdict: Verdict, success: string, ms: number): Outcome {
  if (verdict.designed && verdict.answer === success) return { ok: true, ms };
  return { ok: false, error: verdict.designed ? verdict.answer : verdict.error };
}

/** A status no step of these journeys is meant to answer with, unless it is 429. */
export function unexpectedStatus(status: number, step: string): Verdict {
  return status === 429 ? designed(ANSWER.tooMany) : error(`${step}: HTTP ${status}`);
}

/** The answer to a registration posted as a browser without JavaScript does (scripts/bench/no-js-form.ts). */
export function registrationVerdict(answer: { status: number; location: string | null; body: string }, baseURL: string): Verdict {
  if (answer.status >= 300 && answer.status < 400) {
    const path = new URL(answer.location ?? "", baseURL).pathname;
    return path === CHECK_EMAIL_PAGE ? designed(ANSWER.registered) : error(`register: redirect to ${path}`);
  }
  if (answer.status !== 200) return unexpectedStatus(answer.status, "register");
  // the form again, with the action's message
  const page = decodeEntities(answer.body);
  if (page.includes(TOO_MANY_FROM_NETWORK)) return designed(ANSWER.throttled);
  if (page.includes(SERVER_BUSY_MESSAGE)) return designed(ANSWER.busy);
  if (page.includes(UNEXPECTED)) return error("register: the page says something went wrong");
  if (page.includes(FIX_FIELDS)) return error("register: the form refused the fields");
  return error("register: HTTP 200 with no known message");
}

/** What Auth.js's credentials callback answered: its status, redirect and whether it set the session cookie. */
export type SignInAnswer = { status: number; location: string | null; sessionCookie: boolean };

/**
 * Auth.js answers every sign-in with a redirect: into the app with a session
 * cookie, or back to /login with `error` and `code` in the query. A right
 * password that is refused, or a wrong one let in, is an error.
 */
export function signInVerdict(answer: SignInAnswer, baseURL: string, password: "right" | "wrong"): Verdict {
  if (answer.status < 300 || answer.status >= 400) return unexpectedStatus(answer.status, "sign-in");
  const query = new URL(answer.location ?? "", baseURL).searchParams;
  const refusal = query.get("error");
  if (refusal === null) {
    if (!answer.sessionCookie) return error("sign-in: redirect without a session cookie");
    return password === "right" ? designed(ANSWER.signedIn) : error("sign-in: a wrong password was let in");
  }
  // any other error (Configuration, say) is how Auth.js reports a fault in authorize()
  if (refusal !== "CredentialsSignin") return error(`sign-in: Auth.js error ${refusal}`);
  const code = query.get("code");
  if (code === "credentials") return password === "wrong" ? designed(ANSWER.refused) : error("sign-in: the right password was refused");
  if (throttledSeconds(code) !== null) return designed(ANSWER.throttled);
  if (code === "busy") return designed(ANSWER.busy);
  if (code === "locked") return designed(ANSWER.locked);
  return error(`sign-in: refused (${code ?? "no code"})`);
}
