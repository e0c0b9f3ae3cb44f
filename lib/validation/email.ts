// Email addresses are normalised once, on the way in, and then compared by
// exact equality everywhere (never case-insensitive or LIKE lookups).
import * as z from "zod/mini";
import { EMAIL_MAX_LENGTH } from "./form-constants";

/** Trim, Unicode NFC, lower-case the whole address. */
export function normalizeEmail(raw: string): string {
  return raw.trim().normalize("NFC").toLowerCase();
}

const INVALID_EMAIL = "Enter a valid email address, like name@example.com.";

export const emailSchema = z.pipe(
  z.pipe(z.string({ error: "Enter your email address." }), z.transform(normalizeEmail)),
  z.pipe(
    z.string().check(
      z.minLength(1, "Enter your email address."),
      z.maxLength(EMAIL_MAX_LENGTH, "That email address is too long."),
      // exactly one ASCII "@", no quotes, no spaces or control characters;
      // z.email() then checks the shape (it also refuses a full-width "＠")
      z.refine((email) => email.split("@").length === 2 && !/[\s"\u0000-\u001f\u007f]/.test(email), INVALID_EMAIL),
    ),
    z.email(INVALID_EMAIL),
  ),
);
