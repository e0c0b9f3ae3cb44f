import { z } from "zod";
import { APP_NAME } from "@/lib/app-name";
import { defineEmail } from "./define";
import { renderEmail } from "./layout";

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" });

/** Tells the owner their password changed: when, how, and from which device. It never contains the password. */
export const passwordChanged = defineEmail({
  data: z.object({
    at: z.iso.datetime(),
    via: z.enum(["reset", "change"]),
    device: z.string().max(100),
  }),
  render: ({ at, via, device }, { appUrl }) =>
    renderEmail({
      subject: `Your ${APP_NAME} password was changed`,
      heading: "Your password was changed",
      blocks: [
        {
          text: `Your password was ${via === "reset" ? "reset with an emailed link" : "changed in your account settings"} on ${when.format(new Date(at))} UTC, from ${device}.`,
        },
        { text: "If this was you, there is nothing to do. Other devices have been signed out." },
        { text: "If it was not you, reset your password now and check your account:" },
        { link: `${appUrl}/forgot-password`, label: "Reset my password" },
      ],
    }),
});
