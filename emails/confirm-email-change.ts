import { z } from "zod";
import { APP_NAME } from "@/lib/app-name";
import { defineEmail, requireLink } from "./define";
import { renderEmail } from "./layout";

export const CONFIRM_EMAIL_CHANGE_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Sent to the new address: following the link makes it the sign-in email.
 * The address is not proven yet, so nothing the account's holder typed (not
 * even the name) goes into it.
 */
export const confirmEmailChange = defineEmail({
  data: z.object({}),
  link: { purpose: "CHANGE_EMAIL", path: "/confirm-email", ttlMs: CONFIRM_EMAIL_CHANGE_TTL_MS },
  render: (_data, context) =>
    renderEmail({
      subject: `Confirm your new email address for ${APP_NAME}`,
      heading: "Confirm your new address",
      blocks: [
        { text: "You asked to sign in with this email address from now on. Confirm it to make the change. The link works once and expires in 24 hours." },
        { link: requireLink(context), label: "Confirm my new email" },
        { text: "Until you confirm, you keep signing in with your current address. If you did not ask for this, ignore this email: nothing changes without the link." },
      ],
    }),
});
