// The "Send a test email" form's schema, which the action parses every
// submission with; the form itself takes only ./send-test-email-fields.ts.
import { z } from "zod";
import { NOTE_MAX_LENGTH } from "./send-test-email-fields";

const MISSING_ADDRESS = "Enter the address to send to.";

export const sendTestEmailSchema = z.object({
  to: z
    .string({ error: MISSING_ADDRESS })
    .trim()
    .min(1, MISSING_ADDRESS)
    // a pipe, so an empty field reports one message, not two
    .pipe(z.email("Enter an email address like you@example.test.").max(254, "That address is too long.")),
  note: z.string().trim().max(NOTE_MAX_LENGTH, `Keep the note to ${NOTE_MAX_LENGTH} characters or fewer.`).default(""),
});

export type SendTestEmailInput = z.infer<typeof sendTestEmailSchema>;
