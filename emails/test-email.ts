import { z } from "zod";
import { defineEmail } from "./define";
import { renderEmail } from "./layout";

/** Sent from the development mailbox to check that mail is delivered. */
export const testEmail = defineEmail({
  data: z.object({ note: z.string().max(500).default("") }),
  render: ({ note }, { appUrl }) =>
    renderEmail({
      subject: "Test email",
      heading: "Mail delivery works",
      blocks: [
        { text: "This message was queued in the outbox and delivered by the mail worker." },
        ...(note ? [{ text: `Your note: ${note}` }] : []),
        { link: appUrl, label: "Open the app" },
      ],
    }),
});
