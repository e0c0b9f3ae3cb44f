import { z } from "zod";
import { APP_NAME } from "@/lib/app-name";
import { defineEmail } from "./define";
import { renderEmail, singleLine } from "./layout";

/** The final notice of an email change, sent to both the old and the new address. */
export const emailChanged = defineEmail({
  data: z.object({ oldEmail: z.string().max(254), newEmail: z.string().max(254) }),
  render: ({ oldEmail, newEmail }, { appUrl }) =>
    renderEmail({
      subject: `Your ${APP_NAME} sign-in email was changed`,
      heading: "Your sign-in email was changed",
      blocks: [
        { text: `The account that signed in as ${singleLine(oldEmail)} now signs in as ${singleLine(newEmail)}. Password reset links sent before the change no longer work.` },
        { text: "If you did not make this change, reset your password with the new address and contact us." },
        { link: `${appUrl}/forgot-password`, label: "Reset my password" },
      ],
    }),
});
