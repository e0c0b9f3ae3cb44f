import * as z from "zod/mini";
import type { PasswordRules } from "@/lib/auth/password-policy";
import { emailSchema } from "./email";
import { checkNewPassword, currentPasswordSchema, newPasswordSchema } from "./password";

export const forgotPasswordSchema = z.object({ email: emailSchema });

export function resetPasswordSchema(rules: PasswordRules) {
  return z
    .object({ password: newPasswordSchema(rules), confirmPassword: z.string({ error: "Repeat your new password." }) })
    .check(z.superRefine((fields, context) => checkNewPassword(fields, rules, context)));
}

export function changePasswordSchema(rules: PasswordRules) {
  return z
    .object({
      currentPassword: currentPasswordSchema,
      password: newPasswordSchema(rules),
      confirmPassword: z.string({ error: "Repeat your new password." }),
    })
    .check(z.superRefine((fields, context) => checkNewPassword(fields, rules, context)));
}
