import { z } from "zod";
import { APP_NAME } from "@/lib/app-name";
import { defineEmail } from "./define";
import { renderEmail, singleLine } from "./layout";

/** Sent to the current address when someone asks to move the account to another one. */
export const emailChangeRequested = defineEmail({
  data: z.object({ newEmail: z.string().max(254) }),
  render: ({ newEmail }, { appUrl }) =>
    renderEmail({
      subject: `A change of your ${APP_NAME} email address was requested`,
      heading: "Someone asked to change your sign-in email",
      blocks: [
        { text: `A request was made to sign in with ${singleLine(newEmail)} instead of this address. Nothing changes until the new address is confirmed.` },
        { text: "If this was you, there is nothing to do here. If it was not, someone knows your password: cancel the change and set a new password." },
        { link: `${appUrl}/settings/email`, label: "Review my email settings" },
        { link: `${appUrl}/forgot-password`, label: "Reset my password" },
      ],
    }),
});
