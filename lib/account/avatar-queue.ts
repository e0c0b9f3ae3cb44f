// The one queue every avatar's image work in this process goes through
// (lib/work-queue.ts): half the cores at most, so pages and password hashing
// keep the rest, and a short line behind them; past it, "busy, try again".
import os from "node:os";
import { createWorkQueue, type WorkQueue } from "@/lib/work-queue";

export const AVATAR_JOBS_AT_ONCE = Math.max(1, Math.floor(os.availableParallelism() / 2));
/** Uploads that may wait for their turn; each job takes well under a second, so none waits long. */
export const AVATAR_QUEUE_MAX = 8;

// One queue per process, on globalThis because Next.js may load this module more than once.
const shared = globalThis as unknown as { __avatarQueue?: WorkQueue };

export function sharedAvatarQueue(): WorkQueue {
  return (shared.__avatarQueue ??= createWorkQueue({ name: "avatar image", concurrency: AVATAR_JOBS_AT_ONCE, maxWaiting: AVATAR_QUEUE_MAX }));
}
