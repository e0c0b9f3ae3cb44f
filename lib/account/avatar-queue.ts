// The one queue every avatar's image work in this process goes through
// (lib/work-queue.ts): half the cores at most, so pages and password hashing
// keep the rest, and a short line behind them; past it, "busy, try again".
import os from "node:os";
import { remember } from "@/lib/remember";
import { createWorkQueue, type WorkQueue } from "@/lib/work-queue";

export const AVATAR_JOBS_AT_ONCE = Math.max(1, Math.floor(os.availableParallelism() / 2));
/** Uploads that may wait for their turn; each job takes well under a second, so none waits long. */
export const AVATAR_QUEUE_MAX = 8;

/** The one queue of this process. */
export function sharedAvatarQueue(): WorkQueue {
  return remember("avatar-queue", () => createWorkQueue({ name: "avatar image", concurrency: AVATAR_JOBS_AT_ONCE, maxWaiting: AVATAR_QUEUE_MAX }));
}
