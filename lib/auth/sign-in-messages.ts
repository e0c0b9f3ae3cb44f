// What a refused sign-in says, whichever way it came in: the page's action
// or Auth.js's own route (which sends the error's code back in the URL).
import type { ActionFailure } from "@/lib/actions";
import { SERVER_BUSY_MESSAGE } from "@/lib/server-busy";

const WRONG = "That email and password don't match an account.";
const UNVERIFIED = "Confirm your email address first: we've sent a new link to your inbox.";
const LOCKED = "Signing in with this address is locked after too many failed attempts. Reset the password to unlock it: we'll email a link if the address has an account.";

function inWords(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

/** The wait a "throttled-<seconds>" code carries, if it is one. */
export function throttledSeconds(code: unknown): number | null {
  const match = typeof code === "string" ? /^throttled-(\d{1,7})$/.exec(code) : null;
  return match ? Number(match[1]) : null;
}

/** The form result for a CredentialsSignin error's code. */
export function signInFailure(code: unknown): ActionFailure {
  if (code === "unverified") return { ok: false, error: UNVERIFIED, reason: "unverified" };
  if (code === "locked") return { ok: false, error: LOCKED, reason: "locked" };
  if (code === "busy") return { ok: false, error: SERVER_BUSY_MESSAGE };
  const seconds = throttledSeconds(code);
  if (seconds !== null) return { ok: false, error: `Too many failed sign-ins. Try again in ${inWords(seconds)}.`, reason: "throttled" };
  return { ok: false, error: WRONG };
}
