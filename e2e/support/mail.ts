import { randomBytes } from "node:crypto";
import type { SmtpSink } from "../../test/smtp-sink";

/** A fresh address for each test, so tests never see each other's mail. */
export function uniqueEmail(label = "user"): string {
  return `${label}-${randomBytes(5).toString("hex")}@example.test`;
}

/**
 * The link to `path` in the newest message to `to` whose subject matches,
 * once at least `count` such messages have arrived.
 */
export async function linkFromMail(sink: SmtpSink, to: string, subject: RegExp, path: string, count = 1): Promise<string> {
  const matches = () => sink.messages.filter((m) => m.to.includes(to) && subject.test(m.subject));
  await sink.waitFor(() => matches().length >= count, { timeoutMs: 20_000 });
  const message = matches().at(-1);
  if (!message) throw new Error(`no message to ${to}`);
  const link = message.text.match(new RegExp(`https?://\\S+${path.replace(/[/?]/g, "\\$&")}\\S*`))?.[0];
  if (!link) throw new Error(`no ${path} link in "${message.subject}":\n${message.text}`);
  return link;
}

/** Every message to `to` whose subject matches, oldest first. */
export function mailsTo(sink: SmtpSink, to: string, subject: RegExp) {
  return sink.messagesTo(to).filter((m) => subject.test(m.subject));
}

/** Every http(s) link in a message's text part. */
export function linksIn(message: { text: string }): string[] {
  return message.text.match(/https?:\/\/\S+/g) ?? [];
}
