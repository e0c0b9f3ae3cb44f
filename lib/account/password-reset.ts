// Password reset by emailed link. Asking changes nothing and answers the
// same for every address; the link's POST sets the password, once.
import { claimLinkToken, readLinkToken, type LinkTokenProblem } from "@/lib/auth/link-token";
import { passwordProblem, type PasswordRules } from "@/lib/auth/password-policy";
import { hitLimit, type Limit } from "@/lib/auth/rate-limit";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { clearSignInFailures } from "@/lib/auth/sign-in-throttle";
import type { DbClient } from "@/lib/db";
import { queueEmail } from "@/lib/mail";
import type { AccountDeps } from "./deps";
import { storeNewPassword } from "./new-password";

export const RESET_REQUESTS_PER_EMAIL: Limit = { name: "reset-email", max: 3, windowMs: 60 * 60_000 };
export const RESET_REQUESTS_PER_IP: Limit = { name: "reset-ip", max: 20, windowMs: 60_000 };
/** Guessing tokens is hopeless at 256 bits; this keeps anyone from trying at speed. */
export const RESET_SUBMISSIONS_PER_IP: Limit = { name: "reset-submit-ip", max: 20, windowMs: 60_000 };

export type ResetLinkState = "valid" | LinkTokenProblem;

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

/** What the reset page should show for a token, without changing anything. */
export async function inspectResetLink(db: DbClient, token: string): Promise<ResetLinkState> {
  const read = await readLinkToken(db, token, "RESET_PASSWORD");
  return read.ok ? "valid" : read.reason;
}

export type ResetOutcome = { ok: true; userId: string } | { ok: false; reason: LinkTokenProblem | "throttled" } | { ok: false; reason: "weak"; message: string };

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
  const read = await readLinkToken(db, input.token, "RESET_PASSWORD");
  if (!read.ok) return { ok: false, reason: read.reason };
  const { link } = read;
  const problem = passwordProblem(input.password, { email: link.email, name: link.user.name ?? undefined }, rules);
  if (problem) return { ok: false, reason: "weak", message: problem };

  const passwordHash = await hasher.hash(input.password);
  const now = new Date();
  const claimed = await db.$transaction(async (tx) => {
    if (!(await claimLinkToken(tx, link, now))) return false;
    await storeNewPassword(tx, link.userId, passwordHash);
    await tx.user.updateMany({ where: { id: link.userId, emailVerified: null }, data: { emailVerified: now } });
    await revokeUserSessions(tx, link.userId);
    await queueEmail(tx, "password-changed", {
      to: link.email,
      userId: link.userId,
      data: { at: now.toISOString(), via: "reset", device: input.device },
    });
    return true;
  });
  if (claimed) {
    await clearSignInFailures(db, link.email); // a reset is how a locked-out owner gets back in
    return { ok: true, userId: link.userId };
  }
  // something changed since the link was read (another post won, say): say what it is now
  const current = await inspectResetLink(db, input.token);
  return { ok: false, reason: current === "valid" ? "used" : current };
}
