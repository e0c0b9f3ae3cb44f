import * as z from "zod/mini";
import type { PasswordRules } from "@/lib/auth/password-policy";
import { emailSchema } from "./email";
import { nameSchema } from "./name";
import { checkNewPassword, newPasswordSchema } from "./password";

export function registerSchema(rules: PasswordRules) {
  return z
    .object({
      name: nameSchema,
      email: emailSchema,
      password: newPasswordSchema(rules),
      confirmPassword: z.string({ error: "Repeat your password." }),
    })
    .check(z.superRefine((fields, context) => checkNewPassword(fields, rules, context)));
}

export type RegisterFields = z.input<ReturnType<typeof registerSchema>>;
