// The only place that sends email. Callers queue an intent with queueEmail()
// inside the transaction that causes it; the mail worker (lib/mail-worker.ts)
// renders and delivers it through the transport made here.
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import { emailTemplates, type EmailData, type EmailName } from "@/emails";
import type { RenderedEmail } from "@/emails/layout";
import type { DbClient, DbTransaction } from "./db";
import type { Prisma } from "./generated/prisma/client";
import { remember } from "./remember";
import { smtpTlsOptions } from "./transport-security";

/** Queues an email. Pass the transaction client so the intent commits or rolls back with the change. */
export async function queueEmail<Name extends EmailName>(db: DbClient | DbTransaction, name: Name, message: { to: string; userId?: string; data: EmailData<Name> }): Promise<void> {
  const data = emailTemplates[name].data.parse(message.data) as Prisma.InputJsonValue;
  await db.outboxMessage.create({ data: { template: name, to: message.to, userId: message.userId, data } });
  mailQueued();
}

// A nudge for this process's worker, so mail does not wait for the next poll.
const listeners = remember("mail-queued-listeners", () => new Set<() => void>());

function mailQueued(): void {
  for (const listener of listeners) listener();
}

export function onMailQueued(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export type OutgoingEmail = RenderedEmail & { to: string; from: string };
export type MailTransport = { send: (email: OutgoingEmail) => Promise<{ messageId: string }> };

/**
 * SMTP when a URL is configured; otherwise (development only, lib/env.ts
 * enforces that) each message is written as an .eml file into the local
 * mailbox that /dev/mailbox shows.
 */
export function createMailTransport(config: {
  smtpUrl: string | undefined;
  mailboxDir: string;
  /** from lib/env.ts; unset, STARTTLS is required on smtp:// to any host but this one */
  smtpTls?: ReturnType<typeof smtpTlsOptions>;
}): MailTransport {
  if (config.smtpUrl) {
    // nodemailer waits minutes by default; a stuck server must not hold the worker
    const smtp = nodemailer.createTransport({
      url: config.smtpUrl,
      ...(config.smtpTls ?? smtpTlsOptions(config.smtpUrl, false)),
      connectionTimeout: 5_000,
      greetingTimeout: 5_000,
      socketTimeout: 15_000,
    });
    return { send: async (email) => ({ messageId: (await smtp.sendMail(email)).messageId }) };
  }
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    send: async (email) => {
      const info = await composer.sendMail(email);
      await fs.mkdir(config.mailboxDir, { recursive: true });
      const file = path.join(config.mailboxDir, `${Date.now()}-${randomUUID()}.eml`);
      await fs.writeFile(file, info.message);
      return { messageId: info.messageId };
    },
  };
}
