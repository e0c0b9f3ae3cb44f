// What the "Send a test email" form needs in the browser: its default and its
// limit. The schema (./send-test-email-schema.ts) uses full zod and stays on the server.
export const DEFAULT_TEST_RECIPIENT = "you@example.test";
// the same limit as the template's data schema (emails/test-email.ts)
export const NOTE_MAX_LENGTH = 500;
