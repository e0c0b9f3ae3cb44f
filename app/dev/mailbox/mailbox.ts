// Reads the local mailbox: the folder where lib/mail.ts writes each message
// as `<Date.now()>-<uuid>.eml` when no SMTP_URL is set (development only).
import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { simpleParser, type AddressObject, type ParsedMail } from "mailparser";
import { notFound } from "next/navigation";
import { cache } from "react";
import { env } from "@/lib/env";

const MESSAGE_ID = /^[0-9]+-[0-9a-f-]{36}$/;
// enough for any test session; older files stay on disk, just unlisted
const LIST_LIMIT = 200;

export type MessageSummary = { id: string; receivedAt: Date; from: string; to: string; subject: string };
export type Message = MessageSummary & { date: Date | undefined; html: string | undefined; text: string | undefined };

/**
 * Production builds leave page.dev.tsx out entirely (next.config.ts); this
 * second check keeps the mailbox closed should that configuration change.
 */
export function requireDevelopment(): void {
  if (env().isProduction) notFound();
}

/** Also what keeps a URL segment from naming any file outside the mailbox. */
export function isMessageId(id: string): boolean {
  return MESSAGE_ID.test(id);
}

function fileOf(id: string): string {
  return path.join(env().mailboxDir, `${id}.eml`);
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === "ENOENT";
}

/** The ids of the messages in the folder, newest first; none if there is no folder yet. */
async function messageIds(): Promise<string[]> {
  let names: string[];
  try {
    names = await fs.readdir(env().mailboxDir);
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
  const ids = names.filter((name) => name.endsWith(".eml")).map((name) => name.slice(0, -".eml".length));
  return ids.filter(isMessageId).sort((a, b) => receivedAt(b).getTime() - receivedAt(a).getTime() || b.localeCompare(a));
}

/** The writer names each file after the time it delivered the message. */
function receivedAt(id: string): Date {
  return new Date(Number(id.slice(0, id.indexOf("-"))));
}

function addresses(value: AddressObject | AddressObject[] | undefined): string {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return list.map((address) => address.text).join(", ");
}

async function readFileIfPresent(id: string): Promise<Buffer | undefined> {
  try {
    return await fs.readFile(fileOf(id));
  } catch (error) {
    if (isMissing(error)) return undefined; // deleted since the folder was listed
    throw error;
  }
}

async function readSummary(id: string): Promise<MessageSummary | undefined> {
  const source = await readFileIfPresent(id);
  if (!source) return undefined;
  // The list shows headers only: parsing every body (HTML to text included)
  // on each request would be wasted work.
  const raw = source.toString("utf8");
  const end = raw.search(/\r?\n\r?\n/);
  return summarize(id, await simpleParser(end === -1 ? raw : raw.slice(0, end)));
}

function summarize(id: string, mail: ParsedMail): MessageSummary {
  return { id, receivedAt: receivedAt(id), from: addresses(mail.from), to: addresses(mail.to), subject: mail.subject ?? "" };
}

/** The newest messages first, headers only, and how many files the folder holds in all. */
export async function listMessages(): Promise<{ messages: MessageSummary[]; total: number }> {
  const ids = await messageIds();
  const summaries = await Promise.all(ids.slice(0, LIST_LIMIT).map(readSummary));
  return { messages: summaries.filter((summary) => summary !== undefined), total: ids.length };
}

/** One whole message, or undefined if the id is malformed or the file is gone. Cached per request. */
export const readMessage = cache(async (id: string): Promise<Message | undefined> => {
  if (!isMessageId(id)) return undefined;
  const source = await readFileIfPresent(id);
  if (!source) return undefined;
  const mail = await simpleParser(source);
  return {
    ...summarize(id, mail),
    date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : undefined, // a malformed header gives Invalid Date
    html: typeof mail.html === "string" ? mail.html : undefined,
    text: mail.text,
  };
});

/** Deletes the messages, and only them: MAILBOX_DIR may point at a folder that holds other files. */
export async function clearMailbox(): Promise<void> {
  const ids = await messageIds();
  await Promise.all(ids.map((id) => fs.rm(fileOf(id), { force: true })));
}
