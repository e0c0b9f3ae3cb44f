// Email verification: the emailed link's token is consumed by a POST (never
// by opening the link), once, before it expires, for the address it was sent to.
import { hitLimit, type Limit } from "@/lib/auth/rate-limit";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { hashToken } from "@/lib/auth/tokens";
import type { DbClient } from "@/lib/db";
import { queueEmail } from "@/lib/mail";

export type VerifyOutcome = "verified" | "expired" | "used" | "invalid";

/** One new link per address every few minutes, whoever asks. */
export const VERIFICATION_RESEND: Limit = { name: "verify-resend", max: 1, windowMs: 3 * 60_000 };

export async function confirmEmail(db: DbClient, token: string): Promise<VerifyOutcome> {
  const row = await db.token.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.purpose !== "VERIFY_EMAIL") return "invalid";
  if (row.usedAt) return "used";
  const now = new Date();
  if (row.expiresAt <= now) return "expired";
  return db.$transaction(async (tx) => {
    // the conditional update is the atomic claim: of two concurrent posts, one wins
    const claimed = await tx.token.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
    if (claimed.count !== 1) return "used";
    // a link sent to an address the account no longer has verifies nothing
    const verified = await tx.user.updateMany({ where: { id: row.userId, email: row.email }, data: { emailVerified: now } });
    if (verified.count !== 1) return "invalid";
    // anyone who signed in before the owner proved the address is signed out
    await revokeUserSessions(tx, row.userId);
    return "verified";
  });
}

/** Sends a fresh link (replacing the last) if the address has an unverified account. Says nothing either way. */
export async function resendVerification(db: DbClient, email: string): Promise<void> {
  // counted for every address, known or not, so the behaviour reveals nothing
  const { allowed } = await hitLimit(db, VERIFICATION_RESEND, email);
  if (!allowed) return;
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, emailVerified: true } });
  if (!user || user.emailVerified) return;
  await queueEmail(db, "verify-email", { to: user.email, userId: user.id, data: { name: user.name ?? "" } });
}
