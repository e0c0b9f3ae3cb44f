// Failed sign-ins, counted in the database so every instance sees one count:
// - per address (known or not, so the limit reveals nothing): the first
//   `emailFailures` failures are free, then each further try waits twice as
//   long as the last (from `backoffBaseMs` up to `backoffMaxMs`), and after
//   `lockoutFailures` in a row the password stops working until it is reset;
// - per client IP: at most `ipFailures` a minute, whatever the address.
// Every attempt first reserves its slot (one conditional upsert per key, so
// concurrent attempts cannot all pass one read): the slot counts as a failure
// until the password turns out right, which clears the address's run and
// gives the IP its slot back. A burst gets no more password checks than the
// same guesses sent one by one, and since failures past the free ones are
// spaced by the back-off, the lockout takes days of guessing, not a burst.
import type { DbClient } from "@/lib/db";
import { limitKey } from "./rate-limit";
import { EMAIL_FAILURES, ipLimit, type SignInAttempt, type SignInPolicy } from "./sign-in-policy";
import { refusalOf, type SignInRefusal } from "./sign-in-refusal";

export { backoffMs, earliestLockoutMs, type SignInAttempt, type SignInPolicy } from "./sign-in-policy";

/** A slot taken for one password check: the IP's window it was counted in, to give it back exactly. */
export type SignInSlot = { attempt: SignInAttempt; ipWindowMs: number | null };

export type SignInReservation = { allowed: true; slot: SignInSlot } | ({ allowed: false } & SignInRefusal);

/** A run of failures is forgotten after this long without another. */
const RUN_EXPIRY_MS = 30 * 24 * 60 * 60_000;
/** 2^40 times any base is past every ceiling; the cap keeps the power finite. */
const MAX_DOUBLINGS = 40;

/**
 * One more slot in the address's run, if the run allows a try now: not locked, and either among the free
 * failures or past the wait the last failure set. Timestamps are UTC without a zone, as Prisma writes them;
 * windowStart holds the latest slot taken. No row back means refused (the WHERE kept the row as it was).
 */
async function reserveEmailSlot(db: DbClient, policy: SignInPolicy, email: string): Promise<boolean> {
  const rows = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO rate_limits (key, count, "windowStart", "expiresAt")
    VALUES (${limitKey(EMAIL_FAILURES, email)}, 1, now() AT TIME ZONE 'UTC', (now() AT TIME ZONE 'UTC') + ${RUN_EXPIRY_MS} * interval '1 millisecond')
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limits."expiresAt" <= (now() AT TIME ZONE 'UTC') THEN 1 ELSE rate_limits.count + 1 END,
      "windowStart" = EXCLUDED."windowStart",
      "expiresAt" = EXCLUDED."expiresAt"
    WHERE rate_limits."expiresAt" <= (now() AT TIME ZONE 'UTC')
       OR (rate_limits.count < ${policy.lockoutFailures}
           AND (rate_limits.count < ${policy.emailFailures}
                OR rate_limits."windowStart"
                   + LEAST(${policy.backoffMaxMs}::float8,
                           ${policy.backoffBaseMs}::float8 * power(2::float8, LEAST(rate_limits.count - ${policy.emailFailures}, ${MAX_DOUBLINGS})))
                   * interval '1 millisecond'
                   <= (now() AT TIME ZONE 'UTC')))
    RETURNING count`;
  return rows.length === 1;
}

/** One more slot in the IP's minute, if it has one left; returns the window's start (ms) to refund into, or null. */
async function reserveIpSlot(db: DbClient, policy: SignInPolicy, ip: string): Promise<number | null> {
  const limit = ipLimit(policy);
  const rows = await db.$queryRaw<{ windowMs: number }[]>`
    INSERT INTO rate_limits (key, count, "windowStart", "expiresAt")
    VALUES (${limitKey(limit, ip)}, 1, now() AT TIME ZONE 'UTC', (now() AT TIME ZONE 'UTC') + ${limit.windowMs} * interval '1 millisecond')
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limits."expiresAt" <= (now() AT TIME ZONE 'UTC') THEN 1 ELSE rate_limits.count + 1 END,
      "windowStart" = CASE WHEN rate_limits."expiresAt" <= (now() AT TIME ZONE 'UTC') THEN EXCLUDED."windowStart" ELSE rate_limits."windowStart" END,
      "expiresAt" = CASE WHEN rate_limits."expiresAt" <= (now() AT TIME ZONE 'UTC') THEN EXCLUDED."expiresAt" ELSE rate_limits."expiresAt" END
    WHERE rate_limits."expiresAt" <= (now() AT TIME ZONE 'UTC') OR rate_limits.count < ${limit.max}
    RETURNING floor(extract(epoch FROM "windowStart") * 1000)::float8 AS "windowMs"`;
  return rows[0]?.windowMs ?? null;
}

/** Gives the IP its slot back, in the window it was taken from only (a new window owes nothing). */
async function refundIpSlot(db: DbClient, policy: SignInPolicy, slot: SignInSlot): Promise<void> {
  if (!slot.attempt.ip || slot.ipWindowMs === null) return;
  await db.$executeRaw`
    UPDATE rate_limits SET count = count - 1
     WHERE key = ${limitKey(ipLimit(policy), slot.attempt.ip)} AND count > 0
       AND floor(extract(epoch FROM "windowStart") * 1000)::float8 = ${slot.ipWindowMs}`;
}

/**
 * Decides before any password is checked, so a throttled guess costs no bcrypt work and teaches nothing:
 * the IP's slot first, then the address's (giving the IP's back if the address refuses).
 */
export async function reserveSignInAttempt(db: DbClient, policy: SignInPolicy, attempt: SignInAttempt): Promise<SignInReservation> {
  const ipWindowMs = attempt.ip ? await reserveIpSlot(db, policy, attempt.ip) : null;
  const slot: SignInSlot = { attempt, ipWindowMs };
  if (attempt.ip && ipWindowMs === null) return { allowed: false, ...(await refusalOf(db, policy, attempt)) };
  if (!(await reserveEmailSlot(db, policy, attempt.email))) {
    await refundIpSlot(db, policy, slot);
    return { allowed: false, ...(await refusalOf(db, policy, attempt)) };
  }
  return { allowed: true, slot };
}

/** The right password: the address starts afresh and the IP gets its slot back (it limits failures). */
export async function settleSignInSuccess(db: DbClient, policy: SignInPolicy, slot: SignInSlot): Promise<void> {
  await clearSignInFailures(db, slot.attempt.email);
  await refundIpSlot(db, policy, slot);
}

/** No password was checked (the hashing queue refused, the database failed): neither key pays for it. */
export async function refundSignInAttempt(db: DbClient, policy: SignInPolicy, slot: SignInSlot): Promise<void> {
  await db.$executeRaw`
    UPDATE rate_limits SET count = count - 1
     WHERE key = ${limitKey(EMAIL_FAILURES, slot.attempt.email)} AND count > 0 AND "expiresAt" > (now() AT TIME ZONE 'UTC')`;
  await refundIpSlot(db, policy, slot);
}

/** After a success or a password reset: the address starts afresh (the IP's minute runs out by itself). */
export async function clearSignInFailures(db: DbClient, email: string): Promise<void> {
  await db.rateLimit.deleteMany({ where: { key: limitKey(EMAIL_FAILURES, email) } });
}
