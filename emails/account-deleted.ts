import { z } from "zod";
import { APP_NAME } from "@/lib/app-name";
import { defineEmail } from "./define";
import { renderEmail } from "./layout";

/** The goodbye: the account and everything in it are gone. */
export const accountDeleted = defineEmail({
  data: z.object({ name: z.string().max(100).default("") }),
  render: ({ name }, { appUrl }) =>
    renderEmail({
      subject: `Your ${APP_NAME} account was deleted`,
      heading: name ? `Goodbye, ${name}` : "Your account was deleted",
      blocks: [
        { text: "Your account, its sessions and its profile have been deleted, as you asked. This address is free to register again." },
        { link: `${appUrl}/register`, label: "Create a new account" },
        { text: "If you did not delete your account, someone knew your password: create a new account and use a new password." },
      ],
    }),
});
