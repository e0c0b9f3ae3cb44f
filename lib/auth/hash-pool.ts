import "server-only";
// A pool of worker threads, one per core, that runs every bcrypt hash and
// comparison. Waiting work is bounded: past the bound the caller gets
// ServerBusy at once, instead of queueing without end while each request
// times out anyway.
import os from "node:os";
import path from "node:path";
import Piscina from "piscina";
import { ServerBusy } from "@/lib/server-busy";

export type HashTask = { op: "hash"; input: string; cost: number } | { op: "compare"; input: string; hash: string };

export type HashPool = {
  hash(input: string, cost: number): Promise<string>;
  compare(input: string, hash: string): Promise<boolean>;
  /** tasks waiting for a thread (not those running) */
  readonly queued: number;
  readonly threads: number;
  destroy(): Promise<void>;
};

// Loaded by path at run time; the bundler must not try to follow it.
const WORKER_FILE = path.join(/*turbopackIgnore: true*/ process.cwd(), "lib/auth/bcrypt-worker.mjs");

export function createHashPool(options: { threads?: number; maxQueue: number }): HashPool {
  const threads = options.threads ?? os.availableParallelism();
  const pool = new Piscina<HashTask, string | boolean>({
    filename: WORKER_FILE,
    minThreads: threads, // started up front: the first sign-in should not wait for a thread
    maxThreads: threads,
    idleTimeout: Infinity,
  });
  const run = (task: HashTask) => {
    if (pool.queueSize >= options.maxQueue) return Promise.reject(new ServerBusy("the password hashing queue is full"));
    return pool.run(task);
  };
  return {
    hash: async (input, cost) => String(await run({ op: "hash", input, cost })),
    compare: async (input, hash) => (await run({ op: "compare", input, hash })) === true,
    get queued() {
      return pool.queueSize;
    },
    threads,
    destroy: () => pool.destroy(),
  };
}

// One pool per process, on globalThis because Next.js may load this module more than once.
const shared = globalThis as unknown as { __hashPool?: HashPool };

export function sharedHashPool(maxQueue: number): HashPool {
  return (shared.__hashPool ??= createHashPool({ maxQueue }));
}
