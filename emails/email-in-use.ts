import { z } from "zod";
import { APP_NAME } from "@/lib/app-name";
import { defineEmail } from "./define";
import { renderEmail } from "./layout";

/**
 * Sent instead of a confirmation link when someone asks to move another
 * account to an address that already has one: the requester's page says the
 * same either way, only this inbox learns why no link came.
 */
export const emailInUse = defineEmail({
  data: z.object({}),
  render: (_data, { appUrl }) =>
    renderEmail({
      subject: `Someone tried to use your address at ${APP_NAME}`,
      heading: "This address already has an account",
      blocks: [
        { text: "Someone asked to make this address the sign-in email of a different account. It already belongs to yours, so nothing was changed." },
        { text: "If this was you, sign in with this address instead:" },
        { link: `${appUrl}/login`, label: "Sign in" },
        { text: "If it was not you, you can ignore this email." },
      ],
    }),
});
