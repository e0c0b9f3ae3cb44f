// Email verification: the emailed link's token is consumed by a POST (never
// by opening the link), once, before it expires, for the address it was sent
// to, and only with the account's password. Whoever registered chose that
// password and may not own the inbox: a link alone must not hand them a
// verified account. A stranger who does own the inbox takes the account over
// with a password reset instead (password-reset.ts verifies the address too).
import { hitLimit, type Limit } from "@/lib/auth/rate-limit";
import { revokeUserSessions } from "@/lib/auth/sessions";
import {
  refundSignInAttempt,
  reserveSignInAttempt,
  settleSignInSuccess,
  type SignInPolicy,
} from "@/lib/auth/sign-in-throttle";
import { hashToken } from "@/lib/auth/tokens";
import type { DbClient } from "@/lib/db";
import { queueEmail } from "@/lib/mail";
import type { AccountDeps } from "./deps";

/** What the link itself says, before any password is looked at. */
export type VerifyLinkProblem = "expired" | "used" | "invalid";

export type VerifyOutcome =
  | { ok: true; userId: string; email: string }
  | { ok: false; reason: VerifyLinkProblem; userId: string | null }
  // the link stays usable after each of these
  | { ok: false; reason: "wrong-password" | "locked"; userId: string }
  | { ok: false; reason: "throttled"; userId: string; retryAfterSeconds: number };

/** One new link per address every few minutes, whoever asks. */
export const VERIFICATION_RESEND: Limit = { name: "verify-resend", max: 1, windowMs: 3 * 60_000 };

type PasswordVerdict = "right" | "wrong" | "locked" | { throttledSeconds: number };

/**
 * The account's password, checked under the sign-in throttle for its address
 * and the client's IP, as a sign-in is: decided before any hashing, a wrong
 * one counted, a right one clearing the address's run. The only use of the
 * throttle in this file, so its rework changes one place.
 */
async function checkPassword(
  { db, hasher }: AccountDeps,
  account: { email: string; passwordHash: string | null },
  input: { password: string; ip: string | null },
  policy: SignInPolicy,
): Promise<PasswordVerdict> {
  // the slot is taken (and counted as a failure) before any hashing, as for a sign-in
  const reservation = await reserveSignInAttempt(db, policy, { email: account.email, ip: input.ip });
  if (!reservation.allowed) return reservation.reason === "locked" ? "locked" : { throttledSeconds: reservation.retryAfterSeconds };
  let valid;
  try {
    valid = Boolean(account.passwordHash) && (await hasher.verify(input.password, account.passwordHash, input.ip));
  } catch (error) {
    // no password was checked (the hashing queue was full, say): the try is not a failure
    await refundSignInAttempt(db, policy, reservation.slot).catch(() => {});
    throw error;
  }
  if (!valid) return "wrong";
  await settleSignInSuccess(db, policy, reservation.slot);
  return "right";
}

/**
 * Confirms the address the link went to, if `password` is the account's.
 * A wrong password (or a throttled one) changes nothing and leaves the link
 * usable; the right one spends the link, verifies the address and signs out
 * any session the account had before.
 */
export async function confirmEmail(
  deps: AccountDeps,
  input: { token: string; password: string; ip: string | null },
  policy: SignInPolicy,
): Promise<VerifyOutcome> {
  const { db } = deps;
  const row = await db.token.findUnique({
    where: { tokenHash: hashToken(input.token) },
    include: { user: { select: { id: true, email: true, passwordHash: true } } },
  });
  if (!row || row.purpose !== "VERIFY_EMAIL") return { ok: false, reason: "invalid", userId: null };
  if (row.usedAt) return { ok: false, reason: "used", userId: row.userId };
  const now = new Date();
  if (row.expiresAt <= now) return { ok: false, reason: "expired", userId: row.userId };
  // a link sent to an address the account no longer has verifies nothing, and checks no password
  if (row.email !== row.user.email) return { ok: false, reason: "invalid", userId: row.userId };

  const verdict = await checkPassword(deps, row.user, input, policy);
  if (verdict === "wrong") return { ok: false, reason: "wrong-password", userId: row.userId };
  if (verdict === "locked") return { ok: false, reason: "locked", userId: row.userId };
  if (verdict !== "right") return { ok: false, reason: "throttled", userId: row.userId, retryAfterSeconds: verdict.throttledSeconds };

  const reason = await db.$transaction(async (tx): Promise<VerifyLinkProblem | null> => {
    // the conditional update is the atomic claim: of two concurrent posts, one wins
    const claimed = await tx.token.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
    if (claimed.count !== 1) return "used";
    const verified = await tx.user.updateMany({ where: { id: row.userId, email: row.email }, data: { emailVerified: now } });
    if (verified.count !== 1) return "invalid";
    // anyone who signed in before the owner proved the address is signed out
    await revokeUserSessions(tx, row.userId);
    return null;
  });
  return reason ? { ok: false, reason, userId: row.userId } : { ok: true, userId: row.userId, email: row.email };
}

/** Sends a fresh link (replacing the last) if the address has an unverified account. Says nothing either way. */
export async function resendVerification(db: DbClient, email: string): Promise<void> {
  // counted for every address, known or not, so the behaviour reveals nothing
  const { allowed } = await hitLimit(db, VERIFICATION_RESEND, email);
  if (!allowed) return;
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, emailVerified: true } });
  if (!user || user.emailVerified) return;
  await queueEmail(db, "verify-email", { to: user.email, userId: user.id, data: {} });
}
