"use server";

// The mailbox's server actions, thin: parse, then queue or delete.
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionResult } from "@/lib/actions";
import { db } from "@/lib/db";
import { describeError, log } from "@/lib/log";
import { queueEmail } from "@/lib/mail";
import { clearMailbox, requireDevelopment } from "./mailbox";
import { sendTestEmailSchema } from "./send-test-email-schema";

export type SendTestEmailState =
  | (ActionResult<{ to: string }> & {
      /** what was submitted, so the form can show it again after React resets it */
      values: { to: string; note: string };
    })
  | null;

function field(formData: FormData, name: string): string | undefined {
  const value = formData.get(name);
  return typeof value === "string" ? value : undefined;
}

export async function sendTestEmailAction(_previous: SendTestEmailState, formData: FormData): Promise<SendTestEmailState> {
  requireDevelopment();
  const values = { to: field(formData, "to") ?? "", note: field(formData, "note") ?? "" };
  const parsed = sendTestEmailSchema.safeParse({ to: field(formData, "to"), note: field(formData, "note") });
  if (!parsed.success) {
    const { fieldErrors } = z.flattenError(parsed.error);
    return { ok: false, error: "Please fix the highlighted field.", fieldErrors, values };
  }
  const { to, note } = parsed.data;
  try {
    await queueEmail(db, "test", { to, data: { note } });
  } catch (error) {
    log("error", "dev_mailbox_queue_failed", { error: describeError(error) });
    return { ok: false, error: "The email could not be queued. The server log says why.", values };
  }
  // The form adds `enhanced` once JavaScript runs; without it this was a
  // plain form post, which gets a redirect so a reload does not send again.
  if (field(formData, "enhanced") !== "1") redirect("/dev/mailbox?sent=1");
  return { ok: true, data: { to }, values: { to, note: "" } };
}

export async function deleteAllMessagesAction(): Promise<void> {
  requireDevelopment();
  await clearMailbox();
  redirect("/dev/mailbox");
}
