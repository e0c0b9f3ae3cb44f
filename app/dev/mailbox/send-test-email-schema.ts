// The "Send a test email" form, shared by the form (limits, names) and the
// action, which parses every submission again.
import { z } from "zod";

export const DEFAULT_TEST_RECIPIENT = "you@example.test";
// the same limit as the template's data schema (emails/test-email.ts)
export const NOTE_MAX_LENGTH = 500;

const MISSING_ADDRESS = "Enter the address to send to.";

export const sendTestEmailSchema = z.object({
  to: z
    .string({ error: MISSING_ADDRESS })
    .trim()
    .min(1, MISSING_ADDRESS)
    // a pipe, so an empty field reports one message, not two
    .pipe(z.email("Enter an email address like you@example.test.").max(254, "That address is too long.")),
  note: z
    .string()
    .trim()
    .max(NOTE_MAX_LENGTH, `Keep the note to ${NOTE_MAX_LENGTH} characters or fewer.`)
    .default(""),
});

export type SendTestEmailInput = z.infer<typeof sendTestEmailSchema>;
