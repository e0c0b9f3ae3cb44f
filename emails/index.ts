// Every email the app sends, by the name the outbox stores.
import type { z } from "zod";
import { accountExists } from "./account-exists";
import { testEmail } from "./test-email";
import { verifyEmail } from "./verify-email";

export const emailTemplates = {
  "account-exists": accountExists,
  test: testEmail,
  "verify-email": verifyEmail,
};

export type EmailName = keyof typeof emailTemplates;
export type EmailData<Name extends EmailName> = z.input<(typeof emailTemplates)[Name]["data"]>;

export function isEmailName(name: string): name is EmailName {
  return Object.hasOwn(emailTemplates, name);
}
