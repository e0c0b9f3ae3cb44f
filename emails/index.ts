// Every email the app sends, by the name the outbox stores.
import type { z } from "zod";
import { accountDeleted } from "./account-deleted";
import { accountExists } from "./account-exists";
import { confirmEmailChange } from "./confirm-email-change";
import { emailChangeRequested } from "./email-change-requested";
import { emailChanged } from "./email-changed";
import { emailInUse } from "./email-in-use";
import { passwordChanged } from "./password-changed";
import { resetPassword } from "./reset-password";
import { testEmail } from "./test-email";
import { verifyEmail } from "./verify-email";

export const emailTemplates = {
  "account-deleted": accountDeleted,
  "account-exists": accountExists,
  "confirm-email-change": confirmEmailChange,
  "email-change-requested": emailChangeRequested,
  "email-changed": emailChanged,
  "email-in-use": emailInUse,
  "password-changed": passwordChanged,
  "reset-password": resetPassword,
  test: testEmail,
  "verify-email": verifyEmail,
};

export type EmailName = keyof typeof emailTemplates;
export type EmailData<Name extends EmailName> = z.input<(typeof emailTemplates)[Name]["data"]>;

export function isEmailName(name: string): name is EmailName {
  return Object.hasOwn(emailTemplates, name);
}
