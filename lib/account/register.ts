// Registration that never reveals whether an address is registered: the
// caller answers the same either way; only the inbox learns the difference.
import { hitLimit, type Limit } from "@/lib/auth/rate-limit";
import { isUniqueViolation } from "@/lib/db";
import { queueEmail } from "@/lib/mail";
import type { AccountDeps } from "./deps";

export type RegisterInput = { name: string; email: string; password: string };

/** "You already have an account" mails, per address: enough to inform, too few to spam. */
export const ACCOUNT_EXISTS_NOTICE: Limit = { name: "account-exists-notice", max: 1, windowMs: 15 * 60_000 };

/** Returns the new account's id, or null when the address was taken (for the security log only). */
export async function registerAccount({ db, hasher }: AccountDeps, input: RegisterInput): Promise<string | null> {
  // Hash first, on both paths, so a taken address answers no faster.
  const passwordHash = await hasher.hash(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: input.email, name: input.name, passwordHash },
        select: { id: true },
      });
      await queueEmail(tx, "verify-email", { to: input.email, userId: user.id, data: {} });
      return user.id;
    });
  } catch (error) {
    // the unique email index settles races: one account, the others land here
    if (!isUniqueViolation(error)) throw error;
  }
  const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true, email: true } });
  if (existing && (await hitLimit(db, ACCOUNT_EXISTS_NOTICE, existing.email)).allowed) {
    await queueEmail(db, "account-exists", { to: existing.email, userId: existing.id, data: {} });
  }
  return null;
}
