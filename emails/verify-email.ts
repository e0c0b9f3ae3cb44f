import { z } from "zod";
import { defineEmail, requireLink } from "./define";
import { APP_NAME, renderEmail } from "./layout";

export const VERIFY_EMAIL_TTL_MS = 24 * 60 * 60 * 1000;

/** Sent after registration, and again on request, to activate the account. */
export const verifyEmail = defineEmail({
  data: z.object({ name: z.string().max(100).default("") }),
  link: { purpose: "VERIFY_EMAIL", path: "/verify-email", ttlMs: VERIFY_EMAIL_TTL_MS },
  render: ({ name }, context) =>
    renderEmail({
      subject: `Confirm your email address for ${APP_NAME}`,
      heading: name ? `Welcome, ${name}` : "Welcome",
      blocks: [
        { text: "Confirm your email address to activate your account. The link works once and expires in 24 hours." },
        { link: requireLink(context), label: "Confirm my email" },
        { text: "If you did not create an account, ignore this email: nothing happens without the link." },
      ],
    }),
});
