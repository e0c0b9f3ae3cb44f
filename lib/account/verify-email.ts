// Email verification: the emailed link's token is consumed by a POST (never
// by opening the link), once, before it expires, for the address it was sent
// to, and only with the account's password. Whoever registered chose that
// password and may not own the inbox: a link alone must not hand them a
// verified account. A stranger who does own the inbox takes the account over
// with a password reset instead (password-reset.ts verifies the address too).
import { claimLinkToken, readLinkToken, type LinkTokenProblem, type LinkTokenRead } from "@/lib/auth/link-token";
import { hitLimit, type Limit } from "@/lib/auth/rate-limit";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { refundSignInAttempt, reserveSignInAttempt, settleSignInSuccess, type SignInPolicy } from "@/lib/auth/sign-in-throttle";
import type { DbClient } from "@/lib/db";
import { queueEmail } from "@/lib/mail";
import type { AccountDeps } from "./deps";
import { ipLimitMessage } from "./ip-limits";

/**
 * What the link itself says, before any password is looked at. "confirmed":
 * it was used, and the address it confirmed is still the account's (people
 * open the link again, on another device); they only need to sign in.
 */
export type VerifyLinkProblem = LinkTokenProblem | "confirmed";

export type VerifyOutcome =
  | { ok: true; userId: string; email: string }
  | { ok: false; reason: VerifyLinkProblem; userId: string | null }
  // the link stays usable after each of these
  | { ok: false; reason: "wrong-password" | "locked"; userId: string }
  | { ok: false; reason: "throttled"; userId: string; retryAfterSeconds: number };

/** One new link per address every few minutes, whoever asks. */
export const VERIFICATION_RESEND: Limit = { name: "verify-resend", max: 1, windowMs: 3 * 60_000 };
/** And a few per network an hour, on top: one network cannot make us mail many inboxes. */
export const RESENDS_PER_IP: Limit = { name: "verify-resend-ip", max: 10, windowMs: 60 * 60_000 };

/** A refused link, told apart from one that already did its job. */
function linkProblem(read: LinkTokenRead & { ok: false }): VerifyLinkProblem {
  const { reason, link } = read;
  const confirmedItsAddress = reason === "used" && link !== null && link.user.email === link.email && link.user.emailVerified !== null;
  return confirmedItsAddress ? "confirmed" : reason;
}

/** What the confirmation page can say on opening a link, without changing anything. */
export async function inspectConfirmationLink(db: DbClient, token: string): Promise<"valid" | VerifyLinkProblem> {
  const read = await readLinkToken(db, token, "VERIFY_EMAIL");
  return read.ok ? "valid" : linkProblem(read);
}

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
export async function confirmEmail(deps: AccountDeps, input: { token: string; password: string; ip: string | null }, policy: SignInPolicy): Promise<VerifyOutcome> {
  const { db } = deps;
  const read = await readLinkToken(db, input.token, "VERIFY_EMAIL");
  // a link that cannot confirm anything checks no password
  if (!read.ok) return { ok: false, reason: linkProblem(read), userId: read.link?.userId ?? null };
  const { link } = read;
  const account = await db.user.findUnique({ where: { id: link.userId }, select: { passwordHash: true } });
  if (!account) return { ok: false, reason: "invalid", userId: null }; // deleted since: its links went with it

  const verdict = await checkPassword(deps, { email: link.email, passwordHash: account.passwordHash }, input, policy);
  if (verdict === "wrong") return { ok: false, reason: "wrong-password", userId: link.userId };
  if (verdict === "locked") return { ok: false, reason: "locked", userId: link.userId };
  if (verdict !== "right") return { ok: false, reason: "throttled", userId: link.userId, retryAfterSeconds: verdict.throttledSeconds };

  const now = new Date();
  const claimed = await db.$transaction(async (tx) => {
    if (!(await claimLinkToken(tx, link, now))) return false;
    const verified = await tx.user.updateMany({ where: { id: link.userId, email: link.email }, data: { emailVerified: now } });
    if (verified.count !== 1) return false;
    // anyone who signed in before the owner proved the address is signed out
    await revokeUserSessions(tx, link.userId);
    return true;
  });
  if (claimed) return { ok: true, userId: link.userId, email: link.email };
  // something changed since the link was read (another post won, say): say what it is now
  const current = await readLinkToken(db, input.token, "VERIFY_EMAIL");
  return { ok: false, reason: current.ok ? "used" : linkProblem(current), userId: link.userId };
}

/**
 * Queues a fresh link (replacing the last) if the address has an unverified
 * account, at most one per address every few minutes. Says nothing either way.
 */
export async function queueVerificationLink(db: DbClient, email: string): Promise<void> {
  // counted for every address, known or not, so the behaviour reveals nothing
  const { allowed } = await hitLimit(db, VERIFICATION_RESEND, email);
  if (!allowed) return;
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, emailVerified: true } });
  if (!user || user.emailVerified) return;
  await queueEmail(db, "verify-email", { to: user.email, userId: user.id, data: {} });
}

export type ResendOutcome = { ok: true } | { ok: false; error: string };

/**
 * The "send a new link" form: the same answer for every address, unless the
 * client's network has asked too often (`ip` null: not known, not counted).
 */
export async function resendVerification(db: DbClient, request: { email: string; ip: string | null }): Promise<ResendOutcome> {
  const limited = await ipLimitMessage(db, RESENDS_PER_IP, request.ip);
  if (limited) return { ok: false, error: limited };
  await queueVerificationLink(db, request.email);
  return { ok: true };
}
