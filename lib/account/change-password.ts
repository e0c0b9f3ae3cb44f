// Changing the password of a signed-in account: proves the current password
// first (with a limit on wrong guesses), keeps this browser signed in and
// signs every other one out.
import { normalizePassword, passwordProblem, type PasswordRules } from "@/lib/auth/password-policy";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { queueEmail } from "@/lib/mail";
import { checkCurrentPassword, forgetPasswordChecks } from "./current-password";
import type { AccountDeps } from "./deps";
import { storeNewPassword } from "./new-password";

export type ChangePasswordInput = {
  userId: string;
  /** this browser's session, which stays signed in */
  sessionId: string;
  currentPassword: string;
  password: string;
  device: string;
};

export type ChangePasswordOutcome = { ok: true } | { ok: false; field?: "currentPassword" | "password"; error: string };

export async function changePassword(deps: AccountDeps, input: ChangePasswordInput, rules: PasswordRules): Promise<ChangePasswordOutcome> {
  const { db, hasher } = deps;
  const check = await checkCurrentPassword(deps, input.userId, input.currentPassword);
  if (!check.ok) return check;
  const { user } = check;
  if (normalizePassword(input.password) === normalizePassword(input.currentPassword)) {
    return { ok: false, field: "password", error: "Choose a password different from your current one." };
  }
  const problem = passwordProblem(input.password, { email: user.email, name: user.name ?? undefined }, rules);
  if (problem) return { ok: false, field: "password", error: problem };

  const passwordHash = await hasher.hash(input.password);
  try {
    await db.$transaction(async (tx) => {
      if (!(await storeNewPassword(tx, user.id, passwordHash, check.passwordHash))) throw new ChangedMeanwhile();
      await revokeUserSessions(tx, user.id, input.sessionId);
      await queueEmail(tx, "password-changed", {
        to: user.email,
        userId: user.id,
        data: { at: new Date().toISOString(), via: "change", device: input.device },
      });
    });
  } catch (error) {
    if (!(error instanceof ChangedMeanwhile)) throw error;
    // another session's change won; it has also signed this one out
    return { ok: false, field: "currentPassword", error: CHANGED_MEANWHILE };
  }
  await forgetPasswordChecks(deps, user.id);
  return { ok: true };
}

class ChangedMeanwhile extends Error {}

export const CHANGED_MEANWHILE = "Your password was changed from another session a moment ago. Sign in with the new one.";
