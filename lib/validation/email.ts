// Email addresses are normalised once, on the way in, and then compared by
// exact equality everywhere (never case-insensitive or LIKE lookups).
import { z } from "zod";

export const EMAIL_MAX_LENGTH = 254;

/** Trim, Unicode NFC, lower-case the whole address. */
export function normalizeEmail(raw: string): string {
  return raw.trim().normalize("NFC").toLowerCase();
}

export const emailSchema = z
  .string({ error: "Enter your email address." })
  .transform(normalizeEmail)
  .pipe(
    z
      .string()
      .min(1, "Enter your email address.")
      .max(EMAIL_MAX_LENGTH, "That email address is too long.")
      // exactly one ASCII "@", no quotes, no spaces or control characters;
      // z.email() then checks the shape (it also refuses a full-width "＠")
      .refine((email) => email.split("@").length === 2 && !/[\s"\u0000-\u001f\u007f]/.test(email), "Enter a valid email address, like name@example.com.")
      .pipe(z.email("Enter a valid email address, like name@example.com.")),
  );
