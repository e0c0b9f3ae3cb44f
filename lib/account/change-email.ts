// Changing the sign-in email. The new address is only pending until its
// owner follows the link sent there; the old address hears of the request at
// once and of the change when it happens. An address that belongs to another
// account gets the same answer as any other, and a notice instead of a link.
import { claimLinkToken, readLinkToken, type LinkTokenProblem } from "@/lib/auth/link-token";
import { hitLimit, type Limit } from "@/lib/auth/rate-limit";
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

export type ConfirmEmailChangeResult = "changed" | "taken" | LinkTokenProblem;

/** `userId`: whose link it was, whether or not it worked (for the security log). */
export type ConfirmEmailChangeOutcome = { result: ConfirmEmailChangeResult; userId: string | null };

class AddressTaken extends Error {}

/** Follows a confirmation link: the pending address becomes the sign-in email, once. */
export async function confirmEmailChange(db: DbClient, token: string): Promise<ConfirmEmailChangeOutcome> {
  const read = await readLinkToken(db, token, "CHANGE_EMAIL");
  if (!read.ok) return { result: read.reason, userId: read.link?.userId ?? null };
  const { link } = read;
  const now = new Date();
  const outcome = (result: ConfirmEmailChangeResult) => ({ result, userId: link.userId });
  try {
    const changed = await db.$transaction(async (tx) => {
      // the claim re-checks that this is still the change the account waits for
      if (!(await claimLinkToken(tx, link, now))) return false;
      if (await tx.user.findUnique({ where: { email: link.email }, select: { id: true } })) throw new AddressTaken();
      await tx.user.update({ where: { id: link.userId }, data: { email: link.email, emailVerified: now, pendingEmail: null } });
      // links sent to the old address, or for older requests, die with the change
      await tx.token.deleteMany({ where: { userId: link.userId, usedAt: null } });
      const data = { oldEmail: link.user.email, newEmail: link.email };
      await queueEmail(tx, "email-changed", { to: link.user.email, userId: link.userId, data });
      await queueEmail(tx, "email-changed", { to: link.email, userId: link.userId, data });
      return true;
    });
    if (changed) return outcome("changed");
  } catch (error) {
    // someone registered the address after the request: it stays theirs
    if (!(error instanceof AddressTaken) && !isUniqueViolation(error)) throw error;
    await db.$transaction(async (tx) => {
      await claimLinkToken(tx, link, now);
      await tx.user.updateMany({ where: { id: link.userId, pendingEmail: link.email }, data: { pendingEmail: null } });
    });
    return outcome("taken");
  }
  // something changed since the link was read (another post won, say): say what it is now
  const current = await readLinkToken(db, token, "CHANGE_EMAIL");
  return outcome(current.ok ? "used" : current.reason);
}
