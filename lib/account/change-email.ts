// Changing the sign-in email. The new address is only pending until its
// owner follows the link sent there; the old address hears of the request at
// once and of the change when it happens. An address that belongs to another
// account gets the same answer as any other, and a notice instead of a link.
import { hitLimit, type Limit } from "@/lib/auth/rate-limit";
import { hashToken } from "@/lib/auth/tokens";
import { isUniqueViolation, type DbClient } from "@/lib/db";
import { queueEmail } from "@/lib/mail";
import { checkCurrentPassword, forgetPasswordChecks } from "./current-password";
import type { AccountDeps } from "./deps";
import { ACCOUNT_EXISTS_NOTICE } from "./register";

/** Each request mails two inboxes: a few per hour is plenty for a person, useless for spam. */
export const EMAIL_CHANGE_REQUESTS: Limit = { name: "email-change", max: 3, windowMs: 60 * 60_000 };

export type EmailChangeRequest = { userId: string; newEmail: string; currentPassword: string };

export type EmailChangeOutcome = { ok: true } | { ok: false; field?: "currentPassword" | "newEmail"; error: string };

export async function requestEmailChange(deps: AccountDeps, input: EmailChangeRequest): Promise<EmailChangeOutcome> {
  const { db } = deps;
  const check = await checkCurrentPassword(deps, input.userId, input.currentPassword);
  if (!check.ok) return check;
  const { user } = check;
  if (input.newEmail === user.email) {
    return { ok: false, field: "newEmail", error: "That is already your sign-in email." };
  }
  const requests = await hitLimit(db, EMAIL_CHANGE_REQUESTS, user.id);
  if (!requests.allowed) {
    const minutes = Math.ceil(requests.retryAfterSeconds / 60);
    return { ok: false, error: `You've asked for several changes already. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.` };
  }
  const owner = await db.user.findUnique({ where: { email: input.newEmail }, select: { id: true } });
  const notifyOwner = owner !== null && (await hitLimit(db, ACCOUNT_EXISTS_NOTICE, input.newEmail)).allowed;

  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { pendingEmail: input.newEmail } });
    // a link for an earlier request stops working now
    await tx.token.deleteMany({ where: { userId: user.id, purpose: "CHANGE_EMAIL", usedAt: null } });
    if (!owner) {
      await queueEmail(tx, "confirm-email-change", { to: input.newEmail, userId: user.id, data: {} });
    } else if (notifyOwner) {
      await queueEmail(tx, "email-in-use", { to: input.newEmail, userId: owner.id, data: {} });
    }
    await queueEmail(tx, "email-change-requested", { to: user.email, userId: user.id, data: { newEmail: input.newEmail } });
  });
  await forgetPasswordChecks(deps, user.id);
  return { ok: true };
}

/** Forgets a pending change; its link stops working. */
export async function cancelEmailChange(db: DbClient, userId: string): Promise<void> {
  await db.$transaction([
    db.user.update({ where: { id: userId }, data: { pendingEmail: null } }),
    db.token.deleteMany({ where: { userId, purpose: "CHANGE_EMAIL", usedAt: null } }),
  ]);
}

export type ConfirmEmailChangeOutcome = "changed" | "taken" | "expired" | "used" | "invalid";

class AddressTaken extends Error {}

/** Follows a confirmation link: the pending address becomes the sign-in email, once. */
export async function confirmEmailChange(db: DbClient, token: string): Promise<ConfirmEmailChangeOutcome> {
  const row = await db.token.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.purpose !== "CHANGE_EMAIL") return "invalid";
  if (row.usedAt) return "used";
  const now = new Date();
  if (row.expiresAt <= now) return "expired";
  try {
    return await db.$transaction(async (tx) => {
      // the conditional update is the atomic claim: of two concurrent posts, one wins
      const claimed = await tx.token.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
      if (claimed.count !== 1) return "used";
      const user = await tx.user.findUnique({ where: { id: row.userId }, select: { email: true, pendingEmail: true } });
      // a link for a cancelled or replaced request changes nothing
      if (!user || user.pendingEmail !== row.email) return "invalid";
      if (await tx.user.findUnique({ where: { email: row.email }, select: { id: true } })) throw new AddressTaken();
      await tx.user.update({ where: { id: row.userId }, data: { email: row.email, emailVerified: now, pendingEmail: null } });
      // links sent to the old address, or for older requests, die with the change
      await tx.token.deleteMany({ where: { userId: row.userId, usedAt: null } });
      const data = { oldEmail: user.email, newEmail: row.email };
      await queueEmail(tx, "email-changed", { to: user.email, userId: row.userId, data });
      await queueEmail(tx, "email-changed", { to: row.email, userId: row.userId, data });
      return "changed";
    });
  } catch (error) {
    // someone registered the address after the request: it stays theirs
    if (!(error instanceof AddressTaken) && !isUniqueViolation(error)) throw error;
    await db.$transaction([
      db.token.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } }),
      db.user.updateMany({ where: { id: row.userId, pendingEmail: row.email }, data: { pendingEmail: null } }),
    ]);
    return "taken";
  }
}
