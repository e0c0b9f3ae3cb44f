// Where a signed-in page sends people while the database does not answer:
// a page that says so (503, see proxy.ts), keeps them signed in, and links
// back to where they were. Plain strings, so tests can recognise the answer.
// No framework or database imports: lib/actions.ts reads this too.
import { safeCallbackPath } from "./redirects";

export const UNAVAILABLE_PAGE = "/unavailable";
/** What proxy.ts sends in Retry-After: an outage that lasts longer is answered again, just as fast. */
export const UNAVAILABLE_RETRY_SECONDS = 5;
export const UNAVAILABLE_MESSAGE = "We can't reach your account right now. Nothing was changed and you're still signed in. Please try again in a moment.";

/**
 * Set by proxy.ts on the request for the unavailable page only (and removed from every other):
 * that page must answer without the database, header included, or it would wait for it again.
 */
export const NO_DATABASE_HEADER = "x-render-without-database";

export function unavailablePath(returnTo: string): string {
  return `${UNAVAILABLE_PAGE}?from=${encodeURIComponent(safeCallbackPath(returnTo))}`;
}

/** The session could not be checked because the database did not answer (logged where that happened, with its cause). */
export class SessionUnavailable extends Error {
  override name = "SessionUnavailable";
  readonly code = "SESSION_UNAVAILABLE";
}

/** By code, not class: Next.js may load a module once per bundle layer. */
export function isSessionUnavailable(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "SESSION_UNAVAILABLE";
}

/** Where a sign-out lands when the database could not record it: signed out in this browser, the session's end to follow (lib/auth/end-session.ts). */
export const SIGNED_OUT_UNCONFIRMED_PATH = "/?signed-out=unconfirmed";
export const SIGNED_OUT_UNCONFIRMED_MESSAGE =
  "You're signed out in this browser. We couldn't reach our database to record it, so we'll finish ending your session there as soon as we can.";
