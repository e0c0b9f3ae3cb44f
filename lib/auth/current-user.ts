import "server-only";
// The signed-in person, for pages and actions. Every page and action of the
// signed-in zone checks through here itself; proxy.ts only saves a round trip.
// When the database does not answer, the person is neither signed in nor out:
// pages say "unavailable, try again" and keep the cookie, never "sign in".
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { describeError, log } from "@/lib/log";
import { remember } from "@/lib/remember";
import { currentSessionId } from "./current-session";
import { requestMeta } from "./request-meta";
import { findLiveSession } from "./sessions";
import { isSessionUnavailable, SessionUnavailable, unavailablePath } from "./unavailable";

const ACCOUNT_FIELDS = { id: true, name: true, email: true, emailVerified: true, pendingEmail: true, bio: true, image: true, createdAt: true } as const;

/**
 * Requests whose session could not be checked: asked again in the same request, the answer is
 * the same at once. After a form's action, Next.js renders the form's page in the same request
 * (without JavaScript), and that page asks too: it would wait for the database a second time
 * (a whole DB_CONNECT_TIMEOUT_MS while the pool is exhausted) and log the fault twice. Keyed by
 * the request's headers, the one object Next.js keeps for the whole request (React's cache()
 * does not span the action and the render); one per process, since the action's and the page's
 * code may be separate module instances. Only failures are kept: what an action changed, the
 * page rendered after it reads afresh.
 */
const unavailableFor = () => remember("session-unavailable-for", () => new WeakSet<object>());

/**
 * The signed-in user's own minimal fields, or null; throws SessionUnavailable
 * when the database cannot tell. Fails closed. Cached for one request: the
 * header, the layout and the page all ask.
 */
export const currentUser = cache(async function currentUser() {
  // The session row decides, as in Auth.js's jwt callback, but without auth(): for a page that
  // only reads, Auth.js's work of re-encoding the cookie it cannot set is wasted on every request.
  const sid = await currentSessionId();
  if (!sid) return null;
  const request = await headers();
  if (unavailableFor().has(request)) throw new SessionUnavailable();
  try {
    const session = await findLiveSession(db, env().session, sid);
    if (!session) return null;
    return await db.user.findUnique({ where: { id: session.userId }, select: ACCOUNT_FIELDS });
  } catch (error) {
    log("error", "current_user_failed", { requestId: requestMeta(request).requestId, error: describeError(error) });
    unavailableFor().add(request);
    throw new SessionUnavailable();
  }
});

/** For what only decorates a page (the header, a redirect for the signed-in): undefined when the database cannot tell. */
export async function currentUserIfKnown() {
  try {
    return await currentUser();
  } catch (error) {
    if (isSessionUnavailable(error)) return undefined;
    throw error;
  }
}

/** For pages of the signed-in zone: the user, or off to sign in, or to "unavailable, try again". */
export async function requireUser(returnTo = "/profile") {
  const user = await currentUserIfKnown();
  if (user === undefined) redirect(unavailablePath(returnTo));
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

/**
 * For actions: the signed-in user and this browser's session id, or off to
 * sign in. SessionUnavailable is thrown on: a form action answers it with
 * "something went wrong, nothing was changed" and keeps what was typed.
 */
export async function requireSession(returnTo: string) {
  const [user, sessionId] = await Promise.all([currentUser(), currentSessionId()]);
  if (!user || !sessionId) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  return { user, sessionId };
}

/** Sign-in and registration pages send signed-in people to their profile (and show their form when the database cannot tell). */
export async function redirectIfSignedIn(): Promise<void> {
  if (await currentUserIfKnown()) redirect("/profile");
}
