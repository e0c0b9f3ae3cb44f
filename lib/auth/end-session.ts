import "server-only";
// Signing out ends the session's row, which is what stops a copy of the
// cookie (Auth.js's signOut event runs this, for the header's button and for
// Auth.js's own route alike). Auth.js clears this browser's cookie whatever
// happens here: the person asked to leave this browser, and keeping them
// signed in because the database is away would leave a working session on a
// computer they may be walking away from. So when the database does not
// answer, the sign-out is logged as unconfirmed, the revocation is retried in
// the background until it lands, and the person is told it is not confirmed yet.
import { headers } from "next/headers";
import { BackgroundRetries } from "@/lib/background-retries";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { describeError, log } from "@/lib/log";
import { remember } from "@/lib/remember";
import { recordSecurityEvent } from "@/lib/security-events";
import { currentSessionClaims } from "./current-session";
import { requestMeta } from "./request-meta";
import { hashSessionId, revokeSession } from "./sessions";

/** A retry after 1 s, then 2, 4, 8, 16 and every 30 s: a restart's worth of outage costs a few quiet queries. */
const RETRY = { firstDelayMs: 1_000, maxDelayMs: 30_000 };

// One per process: the action that asks (isSignOutUnconfirmed) must see what the event queued.
const unconfirmed = () => remember("unconfirmed-sign-outs", () => new BackgroundRetries(RETRY));

export async function endSignedOutSession(sid: string, userId: string | null): Promise<void> {
  const meta = requestMeta(await headers());
  const revoke = async (late: boolean) => {
    // a session that was already gone (its account deleted, say) had no sign-out to record
    if (!(await revokeSession(db, sid))) return;
    await recordSecurityEvent(db, env().eventHashKey, { type: "sign_out", outcome: "success", userId, ...meta, detail: late ? { confirmedLate: true } : undefined });
  };
  try {
    await revoke(false);
  } catch (error) {
    log("warn", "sign_out_unconfirmed", { userId, requestId: meta.requestId, error: describeError(error) });
    unconfirmed().add(hashSessionId(sid), () => revoke(true));
  }
}

/** True while this session's sign-out waits for the database to record it. */
export function isSignOutUnconfirmed(sid: string): boolean {
  return unconfirmed().has(hashSessionId(sid));
}

/**
 * Signing in where another session is open (another account's, or an older
 * one of the same account) ends that one first: one browser, one session, and
 * no row left alive that nobody holds a cookie for any more.
 */
export async function endReplacedSession(): Promise<void> {
  const previous = await currentSessionClaims();
  if (!previous || !(await revokeSession(db, previous.sid))) return;
  const meta = requestMeta(await headers());
  await recordSecurityEvent(db, env().eventHashKey, { type: "sign_out", outcome: "success", userId: previous.userId, ...meta, detail: { replacedBySignIn: true } });
}
