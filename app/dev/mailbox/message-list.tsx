// The mailbox's table of messages, newest first.
import Link from "next/link";
import type { MessageSummary } from "./mailbox";

// Local time with seconds: messages sent in one test run are seconds apart.
const receivedFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium" });

export function MessageList({ messages }: { messages: MessageSummary[] }) {
  if (messages.length === 0) return <p className="hint">No messages yet.</p>;
  return (
    <div className="card mailbox-table-wrap">
      <table className="mailbox-table">
        <thead>
          <tr>
            <th scope="col">Subject</th>
            <th scope="col">From</th>
            <th scope="col">To</th>
            <th scope="col">Received</th>
          </tr>
        </thead>
        <tbody>
          {messages.map((message) => (
            <tr key={message.id}>
              <td>
                <Link href={`/dev/mailbox/${message.id}`}>{message.subject || "(no subject)"}</Link>
              </td>
              <td>{message.from}</td>
              <td>{message.to}</td>
              <td>
                <time dateTime={message.receivedAt.toISOString()}>{receivedFormat.format(message.receivedAt)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
