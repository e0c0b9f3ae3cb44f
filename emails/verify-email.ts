import { z } from "zod";
import { APP_NAME } from "@/lib/app-name";
import { defineEmail, requireLink } from "./define";
import { renderEmail } from "./layout";

export const VERIFY_EMAIL_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Sent after registration, and again on request, to activate the account.
 * Whoever registered may not own this inbox, so nothing they typed (not even
 * the name) goes into it, and the link alone confirms nothing: the confirm
 * page asks for the account's password (lib/account/verify-email.ts).
 */
export const verifyEmail = defineEmail({
  data: z.object({}),
  link: { purpose: "VERIFY_EMAIL", path: "/verify-email", ttlMs: VERIFY_EMAIL_TTL_MS },
  render: (_data, context) =>
    renderEmail({
      subject: `Confirm your email address for ${APP_NAME}`,
      heading: "Confirm your email address",
      blocks: [
        {
          text: "An account was created with this email address. To activate it, open the link and type the password chosen for the account. The link works once and expires in 24 hours.",
        },
        { link: requireLink(context), label: "Confirm my email" },
        { text: "If you did not create an account, ignore this email: nothing happens without the password." },
      ],
    }),
});
