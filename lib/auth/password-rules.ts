import "server-only";
import { env } from "@/lib/env";
import { isCommonPassword } from "./common-passwords";
import type { PasswordRules } from "./password-policy";

/** The full rules, for the server. Browsers get the same minus the common-password list. */
export function serverPasswordRules(): PasswordRules {
  return { minLength: env().passwordMinLength, isCommon: isCommonPassword };
}
