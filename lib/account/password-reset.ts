// Password reset by emailed link. Asking changes nothing and answers the
// same for every address; the link's POST sets the password, once.
import { passwordProblem, type PasswordRules } from "@/lib/auth/password-policy";
import { hitLimit, type Limit } from "@/lib/auth/rate-limit";
import { clearSignInFailures } from "@/lib/auth/sign-in-throttle";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { hashToken } from "@/lib/auth/tokens";
import type { DbClient } from "@/lib/db";
import { queueEmail } from "@/lib/mail";
import type { AccountDeps } from "./deps";
import { storeNewPassword } from "./new-password";

export const RESET_REQUESTS_PER_EMAIL: Limit = { name: "reset-email", max: 3, windowMs: 60 * 60_000 };
export const RESET_REQUESTS_PER_IP: Limit = { name: "reset-ip", max: 20, windowMs: 60_000 };
/** Guessing tokens is hopeless at 256 bits; this keeps anyone from trying at speed. */
export const RESET_SUBMISSIONS_PER_IP: Limit = { name: "reset-submit-ip", max: 20, windowMs: 60_000 };

export type ResetLinkState = "valid" | "expired" | "used" | "invalid";

/** Queues a reset link to the exactly matching account's stored address, if there is one and the limits allow. */
export async function requestPasswordReset(db: DbClient, request: { email: string; ip: string | null }): Promise<void> {
  const [byEmail, byIp] = await Promise.all([
    hitLimit(db, RESET_REQUESTS_PER_EMAIL, request.email),
    request.ip ? hitLimit(db, RESET_REQUESTS_PER_IP, request.ip) : { allowed: true },
  ]);
  if (!byEmail.allowed || !byIp.allowed) return;
  const user = await db.user.findUnique({ where: { email: request.email }, select: { id: true, email: true } });
  if (!user) return;
  await queueEmail(db, "reset-password", { to: user.email, userId: user.id, data: {} });
}

async function findResetToken(db: DbClient, token: string) {
  const row = await db.token.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: { select: { id: true, email: true, name: true } } },
  });
  let state: ResetLinkState = "valid";
  // a link sent to an address the account no longer has is void
  if (!row || row.purpose !== "RESET_PASSWORD" || row.email !== row.user.email) state = "invalid";
  else if (row.usedAt) state = "used";
  else if (row.expiresAt <= new Date()) state = "expired";
  return { row, state };
}

/** What the reset page should show for a token, without changing anything. */
export async function inspectResetLink(db: DbClient, token: string): Promise<ResetLinkState> {
  return (await findResetToken(db, token)).state;
}

export type ResetOutcome =
  | { ok: true; userId: string }
  | { ok: false; reason: Exclude<ResetLinkState, "valid"> | "throttled" }
  | { ok: false; reason: "weak"; message: string };

/**
 * Sets a new password from a reset link. A rejected password leaves the link
 * usable. Success ends every session (this browser is not signed in), marks
 * the address verified (its owner just read our mail) and tells the owner.
 */
export async function resetPassword(
  { db, hasher }: AccountDeps,
  input: { token: string; password: string; device: string; ip: string | null },
  rules: PasswordRules,
): Promise<ResetOutcome> {
  if (input.ip && !(await hitLimit(db, RESET_SUBMISSIONS_PER_IP, input.ip)).allowed) return { ok: false, reason: "throttled" };
  const { row, state } = await findResetToken(db, input.token);
  if (!row || state !== "valid") return { ok: false, reason: state === "valid" ? "invalid" : state };
  const { user } = row;
  const problem = passwordProblem(input.password, { email: user.email, name: user.name ?? undefined }, rules);
  if (problem) return { ok: false, reason: "weak", message: problem };

  const passwordHash = await hasher.hash(input.password);
  const now = new Date();
  const claimed = await db.$transaction(async (tx) => {
    // the conditional update is the atomic claim: of two concurrent posts, one wins;
    // it also re-checks that the account still has the address the link went to
    const claim = await tx.token.updateMany({
      where: { id: row.id, usedAt: null, expiresAt: { gt: now }, user: { is: { email: row.email } } },
      data: { usedAt: now },
    });
    if (claim.count !== 1) return false;
    await storeNewPassword(tx, user.id, passwordHash);
    await tx.user.updateMany({ where: { id: user.id, emailVerified: null }, data: { emailVerified: now } });
    await revokeUserSessions(tx, user.id);
    await queueEmail(tx, "password-changed", {
      to: user.email,
      userId: user.id,
      data: { at: now.toISOString(), via: "reset", device: input.device },
    });
    return true;
  });
  if (claimed) {
    await clearSignInFailures(db, user.email); // a reset is how a locked-out owner gets back in
    return { ok: true, userId: user.id };
  }
  // something changed since the check: say what it is now
  const { state: current } = await findResetToken(db, input.token);
  return { ok: false, reason: current === "valid" ? "used" : current };
}
