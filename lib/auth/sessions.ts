// Server-side sessions. The cookie (an Auth.js JWT) carries a random session
// id; the database keeps only its SHA-256 and decides on every request
// whether the session is still alive, so signing out or revoking a row
// ends a copied cookie at once.
import { createHash, randomBytes } from "node:crypto";
import type { DbClient, DbOrTransaction } from "@/lib/db";
import { describeError, log } from "@/lib/log";

export type SessionPolicy = {
  idleMinutes: number;
  maxAgeDays: number;
  /** signing in beyond this many sessions ends the least recently used ones */
  maxPerUser?: number;
};
export type SessionMeta = { userAgent?: string | null; ip?: string | null };

const MINUTE = 60_000;
/** lastSeenAt is written at most this often, so reads stay cheap. */
const TOUCH_INTERVAL_MS = MINUTE;

export function hashSessionId(sid: string): string {
  return createHash("sha256").update(sid).digest("hex");
}

export async function createSession(db: DbClient, policy: SessionPolicy, session: { userId: string; persistent: boolean } & SessionMeta): Promise<string> {
  const sid = randomBytes(32).toString("base64url");
  await db.session.create({
    data: {
      sessionToken: hashSessionId(sid),
      userId: session.userId,
      persistent: session.persistent,
      expires: new Date(Date.now() + policy.maxAgeDays * 24 * 60 * MINUTE),
      userAgent: session.userAgent?.slice(0, 512) ?? null,
      ip: session.ip?.slice(0, 64) ?? null,
    },
  });
  if (policy.maxPerUser) await endSessionsBeyond(db, policy, session.userId, policy.maxPerUser);
  return sid;
}

/** The sessions of a user that still work: not revoked, not past their end, not idle too long (unless persistent). */
export function liveSessionsOf(userId: string, policy: SessionPolicy, now = Date.now()) {
  return {
    userId,
    revokedAt: null,
    expires: { gt: new Date(now) },
    OR: [{ persistent: true }, { lastSeenAt: { gt: new Date(now - policy.idleMinutes * MINUTE) } }],
  };
}

async function endSessionsBeyond(db: DbClient, policy: SessionPolicy, userId: string, keep: number): Promise<void> {
  const surplus = await db.session.findMany({
    where: liveSessionsOf(userId, policy),
    orderBy: [{ lastSeenAt: "desc" }, { createdAt: "desc" }],
    skip: keep,
    select: { id: true },
  });
  if (surplus.length === 0) return;
  await db.session.updateMany({ where: { id: { in: surplus.map(({ id }) => id) } }, data: { revokedAt: new Date() } });
}

/**
 * The live session for a session id, or null: unknown, revoked, past its
 * absolute end, or idle too long (unless persistent). A dead session is
 * revoked so it cannot come back.
 */
export async function findLiveSession(db: DbClient, policy: SessionPolicy, sid: string) {
  const session = await db.session.findUnique({ where: { sessionToken: hashSessionId(sid) } });
  if (!session || session.revokedAt) return null;
  const now = Date.now();
  const idle = !session.persistent && session.lastSeenAt.getTime() + policy.idleMinutes * MINUTE <= now;
  if (session.expires.getTime() <= now || idle) {
    await db.session.updateMany({ where: { id: session.id, revokedAt: null }, data: { revokedAt: new Date() } });
    return null;
  }
  if (now - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
    await db.session.update({ where: { id: session.id }, data: { lastSeenAt: new Date() } });
  }
  return session;
}

/** What a cookie's session id turned out to be: alive and this user's, over, or unknown because the database did not answer. */
export type SessionCheck = "live" | "ended" | "unavailable";

/** Never throws: a database that does not answer is "unavailable", which is neither signed in nor signed out. */
export async function checkSession(db: DbClient, policy: SessionPolicy, sid: string, userId: string): Promise<SessionCheck> {
  try {
    const session = await findLiveSession(db, policy, sid);
    return session?.userId === userId ? "live" : "ended";
  } catch (error) {
    log("error", "session_check_failed", { error: describeError(error) });
    return "unavailable";
  }
}

/**
 * Gives a live session a new id, keeping everything else (its start, its
 * device, "remember me"): after a password change the id this browser held
 * before is worthless, wherever a copy of it went. Null when the session is
 * no longer this user's open session.
 */
export async function rotateSessionId(db: DbClient, sid: string, userId: string): Promise<string | null> {
  const next = randomBytes(32).toString("base64url");
  const { count } = await db.session.updateMany({
    where: { sessionToken: hashSessionId(sid), userId, revokedAt: null },
    data: { sessionToken: hashSessionId(next) },
  });
  return count === 1 ? next : null;
}

/** Ends one session; says whether it was still open. */
export async function revokeSession(db: DbClient, sid: string): Promise<boolean> {
  const { count } = await db.session.updateMany({ where: { sessionToken: hashSessionId(sid), revokedAt: null }, data: { revokedAt: new Date() } });
  return count > 0;
}

/** Ends every session of a user, or every one but `exceptSid` (this browser). */
export async function revokeUserSessions(db: DbOrTransaction, userId: string, exceptSid?: string): Promise<number> {
  const { count } = await db.session.updateMany({
    where: {
      userId,
      revokedAt: null,
      ...(exceptSid ? { sessionToken: { not: hashSessionId(exceptSid) } } : {}),
    },
    data: { revokedAt: new Date() },
  });
  return count;
}
