// The password fields every form shares. The rules live in
// lib/auth/password-policy.ts; the common-password lookup is passed in by
// the server (the browser does not download the list).
import * as z from "zod/mini";
import { exceedsMaxLength, PASSWORD_MAX_LENGTH, passwordLength, passwordProblem, type PasswordRules } from "@/lib/auth/password-policy";

const tooLong = `Use at most ${PASSWORD_MAX_LENGTH.toLocaleString("en-US")} characters.`;

/** A password being typed to sign in: any non-empty text within the cap. */
export const currentPasswordSchema = z.string({ error: "Enter your password." }).check(
  z.minLength(1, "Enter your password."),
  z.refine((password) => !exceedsMaxLength(password), tooLong),
);

/** A new password's own rules; checks that need other fields come from newPasswordIssues. */
export function newPasswordSchema(rules: PasswordRules) {
  return z.string({ error: "Choose a password." }).check(
    z.refine((password) => !exceedsMaxLength(password), tooLong),
    z.refine((password) => passwordLength(password) >= rules.minLength, `Use at least ${rules.minLength} characters.`),
  );
}

/** The checks of a new password against the person's own details and its confirmation. */
export function checkNewPassword(fields: { password: string; confirmPassword: string; email?: string; name?: string }, rules: PasswordRules, context: z.core.$RefinementCtx): void {
  const problem = passwordProblem(fields.password, { email: fields.email, name: fields.name }, rules);
  if (problem) context.addIssue({ code: "custom", path: ["password"], message: problem });
  if (fields.password !== fields.confirmPassword) {
    context.addIssue({ code: "custom", path: ["confirmPassword"], message: "The two passwords don't match." });
  }
}
