// Changing the password of a signed-in account: proves the current password
// first (with a limit on wrong guesses), keeps this browser signed in and
// signs every other one out.
import { normalizePassword, passwordProblem, type PasswordRules } from "@/lib/auth/password-policy";
import { clearLimit, hitLimit, type Limit } from "@/lib/auth/rate-limit";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { queueEmail } from "@/lib/mail";
import type { AccountDeps } from "./deps";
import { storeNewPassword } from "./new-password";

export const PASSWORD_CHANGE_ATTEMPTS: Limit = { name: "password-change", max: 5, windowMs: 15 * 60_000 };

export type ChangePasswordInput = {
  userId: string;
  /** this browser's session, which stays signed in */
  sessionId: string;
  currentPassword: string;
  password: string;
  device: string;
};

export type ChangePasswordOutcome =
  | { ok: true }
  | { ok: false; field?: "currentPassword" | "password"; error: string };

export async function changePassword(
  { db, hasher }: AccountDeps,
  input: ChangePasswordInput,
  rules: PasswordRules,
): Promise<ChangePasswordOutcome> {
  const attempt = await hitLimit(db, PASSWORD_CHANGE_ATTEMPTS, input.userId);
  if (!attempt.allowed) {
    const minutes = Math.ceil(attempt.retryAfterSeconds / 60);
    return { ok: false, error: `Too many attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.` };
  }
  const user = await db.user.findUnique({ where: { id: input.userId }, omit: { passwordHash: false } });
  if (!user || !(await hasher.verify(input.currentPassword, user.passwordHash))) {
    return { ok: false, field: "currentPassword", error: "That isn't your current password." };
  }
  if (normalizePassword(input.password) === normalizePassword(input.currentPassword)) {
    return { ok: false, field: "password", error: "Choose a password different from your current one." };
  }
  const problem = passwordProblem(input.password, { email: user.email, name: user.name ?? undefined }, rules);
  if (problem) return { ok: false, field: "password", error: problem };

  const passwordHash = await hasher.hash(input.password);
  await db.$transaction(async (tx) => {
    await storeNewPassword(tx, user.id, passwordHash);
    await revokeUserSessions(tx, user.id, input.sessionId);
    await queueEmail(tx, "password-changed", {
      to: user.email,
      userId: user.id,
      data: { at: new Date().toISOString(), via: "change", device: input.device },
    });
  });
  await clearLimit(db, PASSWORD_CHANGE_ATTEMPTS, input.userId);
  return { ok: true };
}
