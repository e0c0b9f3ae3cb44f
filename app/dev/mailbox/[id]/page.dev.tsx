// /dev/mailbox/<id>, under `next dev` only: one message, its HTML part in a
// sandboxed frame (no scripts, no access to this page) and its text part.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { frameHtml } from "../frame-html";
import { readMessage, requireDevelopment } from "../mailbox";
import { TextWithLinks } from "../text-with-links";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "full", timeStyle: "medium" });

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  requireDevelopment();
  const message = await readMessage((await params).id);
  return { title: `${message?.subject || "Message"} · Local mailbox`, robots: { index: false, follow: false } };
}

export default async function MessagePage({ params }: Props) {
  requireDevelopment();
  const message = await readMessage((await params).id);
  if (!message) notFound();
  const date = message.date ?? message.receivedAt;

  return (
    <article className="mailbox">
      <p>
        <Link href="/dev/mailbox">← Back to the mailbox</Link>
      </p>
      <h1>{message.subject || "(no subject)"}</h1>
      <dl className="card mailbox-headers">
        <dt>From</dt>
        <dd>{message.from}</dd>
        <dt>To</dt>
        <dd>{message.to}</dd>
        <dt>Date</dt>
        <dd>
          <time dateTime={date.toISOString()}>{dateFormat.format(date)}</time>
        </dd>
      </dl>

      <section aria-labelledby="mailbox-html-heading" className="mailbox-section">
        <h2 id="mailbox-html-heading">HTML part</h2>
        {message.html === undefined ? (
          <p className="hint">This message has no HTML part.</p>
        ) : (
          <iframe
            title="HTML part"
            className="mailbox-frame"
            sandbox="allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation"
            srcDoc={frameHtml(message.html)}
          />
        )}
      </section>

      <section aria-labelledby="mailbox-text-heading" className="mailbox-section">
        <h2 id="mailbox-text-heading">Text part</h2>
        {message.text === undefined ? (
          <p className="hint">This message has no text part.</p>
        ) : (
          <pre className="card mailbox-text">
            <TextWithLinks text={message.text} />
          </pre>
        )}
      </section>
    </article>
  );
}
