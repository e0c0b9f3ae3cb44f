// Runs inside the hashing pool's worker threads (lib/auth/hash-pool.ts): the
// only place bcrypt ever executes, so a hash never blocks the server's event
// loop. Plain JavaScript, loaded by path, outside Next.js's bundles.
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import bcrypt from "bcryptjs";

/**
 * Hashing gives way to request handling: a page should not wait behind a
 * bcrypt round. On Linux each thread has its own nice value, so this thread
 * lowers its own; hashing still takes every cycle nothing else wants.
 * Elsewhere (or where it is not allowed) hashing keeps normal priority.
 */
const HASHING_NICENESS = 10;
try {
  const threadId = Number(readlinkSync("/proc/thread-self").split("/").pop());
  setPriority(threadId, HASHING_NICENESS);
} catch {
  // not Linux: no per-thread priority to lower
}

/** @param {{ op: "hash", input: string, cost: number } | { op: "compare", input: string, hash: string }} task */
export default function run(task) {
  return task.op === "hash" ? bcrypt.hashSync(task.input, task.cost) : bcrypt.compareSync(task.input, task.hash);
}
