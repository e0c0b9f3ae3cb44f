// Registration that never reveals whether an address is registered: the
// caller answers the same either way; only the inbox learns the difference.
import { hitLimit, type Limit } from "@/lib/auth/rate-limit";
import { isUniqueViolation } from "@/lib/db";
import { queueEmail } from "@/lib/mail";
import type { AccountDeps } from "./deps";
import { ipLimitMessage } from "./ip-limits";

/** `ip`: the client's address, for the per-network limit (null: not known, not counted). */
export type RegisterInput = { name: string; email: string; password: string; ip: string | null };

/** `userId` is null when the address was taken (for the security log only: the answer is the same). */
export type RegisterOutcome = { ok: true; userId: string | null } | { ok: false; error: string };

/** New accounts per network: one network cannot make us mail many inboxes. */
export const REGISTRATIONS_PER_IP: Limit = { name: "register-ip", max: 10, windowMs: 60 * 60_000 };

/** "You already have an account" mails, per address: enough to inform, too few to spam. */
export const ACCOUNT_EXISTS_NOTICE: Limit = { name: "account-exists-notice", max: 1, windowMs: 15 * 60_000 };

export async function registerAccount(deps: AccountDeps, input: RegisterInput): Promise<RegisterOutcome> {
  // counted before any hashing: a refused request costs nothing
  const limited = await ipLimitMessage(deps.db, REGISTRATIONS_PER_IP, input.ip);
  if (limited) return { ok: false, error: limited };
  return { ok: true, userId: await createAccount(deps, input) };
}

/** The new account's id, or null when the address was taken. */
async function createAccount({ db, hasher }: AccountDeps, input: RegisterInput): Promise<string | null> {
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
