// The security log: what happened to which account, from where, and how it
// ended. Each event is one row in security_events (the owner's activity page
// reads them) and one JSON line on stdout. An address is kept only as a keyed
// hash, so events about addresses with no account still correlate, and
// nothing secret (password, token, link, cookie) is ever part of an event.
import { createHmac } from "node:crypto";
import type { DbClient } from "@/lib/db";
import { describeError, log } from "@/lib/log";

export const SECURITY_EVENT_TYPES = [
  "sign_in",
  "sign_out",
  "registration",
  "verification_resend",
  "email_verified",
  "password_reset_requested",
  "password_reset",
  "password_changed",
  "email_change_requested",
  "email_change_cancelled",
  "email_changed",
  "sessions_revoked",
  "account_deleted",
  "csrf_rejected",
] as const;

export type SecurityEventType = (typeof SECURITY_EVENT_TYPES)[number];
export type SecurityOutcome = "success" | "failure" | "throttled" | "locked" | "refused";

export type SecurityEvent = {
  type: SecurityEventType;
  outcome: SecurityOutcome;
  userId?: string | null;
  /** the normalised address; stored and logged only as a keyed hash */
  email?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
  /** small facts that are not secret, e.g. { ended: 2 } */
  detail?: Record<string, string | number | boolean>;
};

/** HMAC-SHA-256 of the address under a key kept out of the database. */
export function emailHash(key: string, email: string): string {
  return createHmac("sha256", key).update(`security-event-email:${email}`).digest("base64url");
}

/** Records and logs an event. A failure to store it is logged and never fails the person's request. */
export async function recordSecurityEvent(db: DbClient, hashKey: string, event: SecurityEvent): Promise<void> {
  const hashed = event.email ? emailHash(hashKey, event.email) : null;
  log(event.outcome === "success" ? "info" : "warn", event.type, {
    outcome: event.outcome,
    userId: event.userId ?? null,
    emailHash: hashed,
    ip: event.ip ?? null,
    requestId: event.requestId ?? null,
    ...(event.detail ? { detail: event.detail } : {}),
  });
  try {
    await db.securityEvent.create({
      data: {
        type: event.type,
        outcome: event.outcome,
        userId: event.userId ?? null,
        emailHash: hashed,
        ip: event.ip?.slice(0, 64) ?? null,
        userAgent: event.userAgent?.slice(0, 512) ?? null,
        detail: event.detail,
      },
    });
  } catch (error) {
    log("error", "security_event_not_stored", { type: event.type, error: describeError(error) });
  }
}

/** The owner's own recent events, newest first. */
export async function recentSecurityEvents(db: DbClient, userId: string, limit = 50) {
  return db.securityEvent.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, createdAt: true, type: true, outcome: true, ip: true, userAgent: true, detail: true },
  });
}
