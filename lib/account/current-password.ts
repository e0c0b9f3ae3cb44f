// Proving the current password again before a sensitive change (password,
// email, sessions, deletion). One counter per user covers all of them, so
// spreading guesses over several forms gains nothing.
import { clearLimit, hitLimit, type Limit } from "@/lib/auth/rate-limit";
import type { AccountDeps } from "./deps";

export const PASSWORD_CHECK_ATTEMPTS: Limit = { name: "password-check", max: 5, windowMs: 15 * 60_000 };

export const WRONG_CURRENT_PASSWORD = "That isn't your current password.";

export type CheckedUser = { id: string; email: string; name: string | null; pendingEmail: string | null };

/** On success, `passwordHash` is the hash the password was checked against (for a change to replace only that one). */
export type PasswordCheck = { ok: true; user: CheckedUser; passwordHash: string } | { ok: false; field?: "currentPassword"; error: string };

export async function checkCurrentPassword({ db, hasher }: AccountDeps, userId: string, password: string): Promise<PasswordCheck> {
  const attempt = await hitLimit(db, PASSWORD_CHECK_ATTEMPTS, userId);
  if (!attempt.allowed) {
    const minutes = Math.ceil(attempt.retryAfterSeconds / 60);
    return { ok: false, error: `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.` };
  }
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, pendingEmail: true, passwordHash: true },
  });
  if (!user?.passwordHash || !(await hasher.verify(password, user.passwordHash))) {
    return { ok: false, field: "currentPassword", error: WRONG_CURRENT_PASSWORD };
  }
  const { passwordHash, ...checked } = user;
  return { ok: true, user: checked, passwordHash };
}

/** After a successful change the person starts with a clean slate. */
export async function forgetPasswordChecks({ db }: Pick<AccountDeps, "db">, userId: string): Promise<void> {
  await clearLimit(db, PASSWORD_CHECK_ATTEMPTS, userId);
}
