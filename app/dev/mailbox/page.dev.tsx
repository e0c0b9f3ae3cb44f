// /dev/mailbox, under `next dev` only (next.config.ts): the mail the app
// sends in development, plus a form that sends a test email through the outbox.
import type { Metadata } from "next";
import { env } from "@/lib/env";
import { deleteAllMessagesAction } from "./actions";
import { listMessages, requireDevelopment } from "./mailbox";
import { MessageList } from "./message-list";
import { SendTestEmailForm } from "./send-test-email-form";

// the folder changes behind Next.js's back: read it on every request
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Local mailbox", robots: { index: false, follow: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function MailboxPage({ searchParams }: Props) {
  requireDevelopment();
  const { smtpUrl, mailboxDir, mail } = env();
  const [{ sent }, { messages, total }] = await Promise.all([searchParams, listMessages()]);

  return (
    <div className="mailbox">
      <h1>Local mailbox</h1>
      <p className="lead">
        In development, when <code>SMTP_URL</code> is not set, every email the app sends lands here instead of in a real inbox. The files live in <code>{mailboxDir}</code>.
      </p>
      {smtpUrl && (
        <p className="alert">
          <code>SMTP_URL</code> is set, so mail goes to that server and will not appear here.
        </p>
      )}
      {!mail.worker && (
        <p className="alert">
          <code>MAIL_WORKER</code> is off in this process, so queued mail waits in the outbox until a worker runs.
        </p>
      )}

      <section aria-labelledby="mailbox-send-heading" className="card mailbox-section">
        <h2 id="mailbox-send-heading">Send a test email</h2>
        <SendTestEmailForm sent={sent === "1"} />
      </section>

      <section aria-labelledby="mailbox-messages-heading" className="mailbox-section">
        <div className="mailbox-section-header">
          <h2 id="mailbox-messages-heading">Messages</h2>
          {total > 0 && (
            <form action={deleteAllMessagesAction}>
              <button type="submit" className="button mailbox-button-secondary">
                Delete all messages
              </button>
            </form>
          )}
        </div>
        {total > messages.length && (
          <p className="hint">
            Showing the newest {messages.length} of {total} messages.
          </p>
        )}
        <MessageList messages={messages} />
      </section>
    </div>
  );
}
