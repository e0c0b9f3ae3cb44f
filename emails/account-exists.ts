import { z } from "zod";
import { APP_NAME } from "@/lib/app-name";
import { defineEmail } from "./define";
import { renderEmail } from "./layout";

/**
 * Sent instead of a second account when someone registers with an address
 * that already has one: the page says the same either way, the inbox learns why.
 */
export const accountExists = defineEmail({
  data: z.object({}),
  render: (_data, { appUrl }) =>
    renderEmail({
      subject: `Someone tried to sign up with your address at ${APP_NAME}`,
      heading: "You already have an account",
      blocks: [
        { text: "Someone, probably you, tried to create an account with this email address. It already has one, so nothing was changed." },
        { link: `${appUrl}/login`, label: "Sign in" },
        { text: "Forgotten your password? You can set a new one:" },
        { link: `${appUrl}/forgot-password`, label: "Reset my password" },
        { text: "If this was not you, you can ignore this email." },
      ],
    }),
});
