// Failed sign-ins, counted in the database so every instance sees one count:
// - per address (known or not, so the limit reveals nothing): the first
//   `emailFailures` failures are free, then each further try waits twice as
//   long as the last (from `backoffBaseMs` up to `backoffMaxMs`), and after
//   `lockoutFailures` in a row the password stops working until it is reset;
// - per client IP: at most `ipFailures` a minute, whatever the address.
// A success or a password reset clears the address's count.
import type { DbClient } from "@/lib/db";
import { hitLimit, limitKey, type Limit } from "./rate-limit";

export type SignInPolicy = {
  emailFailures: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  lockoutFailures: number;
  ipFailures: number;
};

export type SignInVerdict =
  | { allowed: true }
  | { allowed: false; reason: "throttled"; retryAfterSeconds: number }
  | { allowed: false; reason: "locked" };

export type SignInAttempt = { email: string; ip: string | null };

/** A run of failures in a row, not a window: its own counter. */
const EMAIL_FAILURES = { name: "signin-email" };
const ipLimit = (policy: SignInPolicy): Limit => ({ name: "signin-ip", max: policy.ipFailures, windowMs: 60_000 });
/** A run of failures is forgotten after this long without another. */
const RUN_EXPIRY_MS = 30 * 24 * 60 * 60_000;

/** How long the next try must wait after `failures` failures in a row, or 0. */
export function backoffMs(policy: SignInPolicy, failures: number): number {
  if (failures < policy.emailFailures) return 0;
  return Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** (failures - policy.emailFailures));
}

/** Decides before any password is checked, so a throttled guess costs no bcrypt work and teaches nothing. */
export async function signInVerdict(db: DbClient, policy: SignInPolicy, attempt: SignInAttempt): Promise<SignInVerdict> {
  const emailKey = limitKey(EMAIL_FAILURES, attempt.email);
  const ipKey = attempt.ip ? limitKey(ipLimit(policy), attempt.ip) : null;
  const rows = await db.rateLimit.findMany({ where: { key: { in: ipKey ? [emailKey, ipKey] : [emailKey] } } });
  const now = Date.now();
  let waitUntil = now;

  const run = rows.find((row) => row.key === emailKey);
  if (run && run.expiresAt.getTime() > now) {
    if (run.count >= policy.lockoutFailures) return { allowed: false, reason: "locked" };
    waitUntil = Math.max(waitUntil, run.windowStart.getTime() + backoffMs(policy, run.count));
  }
  const perIp = rows.find((row) => row.key === ipKey);
  if (perIp && perIp.expiresAt.getTime() > now && perIp.count >= policy.ipFailures) {
    waitUntil = Math.max(waitUntil, perIp.expiresAt.getTime());
  }
  if (waitUntil > now) return { allowed: false, reason: "throttled", retryAfterSeconds: Math.ceil((waitUntil - now) / 1000) };
  return { allowed: true };
}

/** One more failure for the address's run (one atomic upsert) and the IP's minute. */
export async function recordSignInFailure(db: DbClient, policy: SignInPolicy, attempt: SignInAttempt): Promise<void> {
  const key = limitKey(EMAIL_FAILURES, attempt.email);
  // Timestamps are UTC without a zone, as Prisma writes them; windowStart holds the latest failure.
  await db.$executeRaw`
    INSERT INTO rate_limits (key, count, "windowStart", "expiresAt")
    VALUES (${key}, 1, now() AT TIME ZONE 'UTC', (now() AT TIME ZONE 'UTC') + ${RUN_EXPIRY_MS} * interval '1 millisecond')
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limits."expiresAt" <= (now() AT TIME ZONE 'UTC') THEN 1 ELSE rate_limits.count + 1 END,
      "windowStart" = EXCLUDED."windowStart",
      "expiresAt" = EXCLUDED."expiresAt"`;
  if (attempt.ip) await hitLimit(db, ipLimit(policy), attempt.ip);
}

/** After a success or a password reset: the address starts afresh (the IP's minute runs out by itself). */
export async function clearSignInFailures(db: DbClient, email: string): Promise<void> {
  await db.rateLimit.deleteMany({ where: { key: limitKey(EMAIL_FAILURES, email) } });
}
