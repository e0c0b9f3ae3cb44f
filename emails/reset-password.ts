import { z } from "zod";
import { APP_NAME } from "@/lib/app-name";
import { defineEmail, requireLink } from "./define";
import { renderEmail } from "./layout";

/** Default lifetime; RESET_TOKEN_TTL_MINUTES overrides it (lib/server-process.ts). */
export const RESET_PASSWORD_TTL_MS = 60 * 60 * 1000;

export const resetPassword = defineEmail({
  data: z.object({}),
  link: { purpose: "RESET_PASSWORD", path: "/reset-password", ttlMs: RESET_PASSWORD_TTL_MS },
  render: (_data, context) =>
    renderEmail({
      subject: `Reset your ${APP_NAME} password`,
      heading: "Reset your password",
      blocks: [
        { text: "Someone, hopefully you, asked to reset the password of the account with this email address." },
        { link: requireLink(context), label: "Choose a new password" },
        { text: "The link works once and expires soon. If you did not ask, ignore this email: your password stays as it is." },
      ],
    }),
});
