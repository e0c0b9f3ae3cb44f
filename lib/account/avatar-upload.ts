// A new profile picture: the cheap checks first (size, type by signature),
// then the account's upload limit, then the image work in the process's
// bounded queue, and only a picture that came out whole is stored.
import { hitLimit, type Limit } from "@/lib/auth/rate-limit";
import type { DbClient } from "@/lib/db";
import { log } from "@/lib/log";
import { isClientGone, type WorkQueue } from "@/lib/work-queue";
import { checkAvatarFile, prepareAvatar } from "./avatar-image";
import { saveAvatar } from "./profile";

/** Image work per account: plenty for choosing a picture, useless for keeping the server busy. */
export const AVATAR_UPLOADS: Limit = { name: "avatar-upload", max: 10, windowMs: 60 * 60_000 };

export type AvatarUpload = { userId: string; bytes: Uint8Array; signal?: AbortSignal };
export type AvatarUploadOutcome = { ok: true } | { ok: false; error: string };

/** Throws ServerBusy when the queue is full (the form says "busy, try again"). */
export async function uploadAvatar(db: DbClient, queue: WorkQueue, upload: AvatarUpload): Promise<AvatarUploadOutcome> {
  const file = checkAvatarFile(upload.bytes);
  if (!file.ok) return file;
  const uploads = await hitLimit(db, AVATAR_UPLOADS, upload.userId);
  if (!uploads.allowed) {
    const minutes = Math.ceil(uploads.retryAfterSeconds / 60);
    return { ok: false, error: `You've uploaded several pictures already. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.` };
  }
  let prepared;
  try {
    prepared = await queue.run(() => prepareAvatar(upload.bytes), upload.signal);
  } catch (error) {
    if (!isClientGone(error)) throw error;
    // nobody is waiting for this answer; nothing was decoded or stored
    log("info", "avatar_upload_abandoned", { userId: upload.userId });
    return { ok: false, error: "The upload was cancelled." };
  }
  if (!prepared.ok) return prepared;
  await saveAvatar(db, upload.userId, prepared.image);
  return { ok: true };
}
