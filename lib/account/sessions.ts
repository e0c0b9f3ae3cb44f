// The "where you're signed in" list: every live session of one user, and
// ending one or all the others after the password is proved again.
import { hashSessionId, liveSessionsOf, type SessionPolicy } from "@/lib/auth/sessions";
import { checkCurrentPassword, forgetPasswordChecks } from "./current-password";
import type { AccountDeps } from "./deps";

export type SessionSummary = {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  userAgent: string | null;
  ip: string | null;
  persistent: boolean;
  /** the browser asking */
  current: boolean;
};

export async function listSessions({ db }: Pick<AccountDeps, "db">, policy: SessionPolicy, userId: string, currentSid: string): Promise<SessionSummary[]> {
  const rows = await db.session.findMany({
    where: liveSessionsOf(userId, policy),
    orderBy: [{ lastSeenAt: "desc" }, { createdAt: "desc" }],
  });
  const currentHash = hashSessionId(currentSid);
  const sessions = rows.map(({ id, createdAt, lastSeenAt, userAgent, ip, persistent, sessionToken }) => ({
    id,
    createdAt,
    lastSeenAt,
    userAgent,
    ip,
    persistent,
    current: sessionToken === currentHash,
  }));
  // this device first, then the most recently used
  return sessions.sort((a, b) => Number(b.current) - Number(a.current));
}

export type EndSessionsInput = { userId: string; currentSid: string; currentPassword: string; target: { all: true } | { id: string } };
export type EndSessionsOutcome = { ok: true; ended: number } | { ok: false; field?: "currentPassword"; error: string };

/** Ends one of the user's own sessions, or all but this one. This browser is never ended here: that is signing out. */
export async function endSessions(deps: AccountDeps, policy: SessionPolicy, input: EndSessionsInput): Promise<EndSessionsOutcome> {
  const check = await checkCurrentPassword(deps, input.userId, input.currentPassword);
  if (!check.ok) return check;
  const { count } = await deps.db.session.updateMany({
    where: {
      ...liveSessionsOf(input.userId, policy), // only ever this person's own, and only those still alive
      sessionToken: { not: hashSessionId(input.currentSid) },
      ...("id" in input.target ? { id: input.target.id } : {}),
    },
    data: { revokedAt: new Date() },
  });
  await forgetPasswordChecks(deps, input.userId);
  return { ok: true, ended: count };
}
