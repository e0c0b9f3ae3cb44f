import * as z from "zod/mini";
import { emailSchema } from "./email";
import { currentPasswordSchema } from "./password";

/** A ticked checkbox arrives as "on" from a form and "true" through Auth.js. */
const checkbox = z.pipe(
  z.transform((value: unknown) => value === "on" || value === "true" || value === true),
  z.boolean(),
);

export const signInSchema = z.object({
  email: emailSchema,
  password: currentPasswordSchema,
  remember: checkbox,
});

export type SignInFields = z.input<typeof signInSchema>;

export const resendVerificationSchema = z.object({ email: emailSchema });
