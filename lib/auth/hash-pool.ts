import "server-only";
// A pool of worker threads, one per core, that runs every bcrypt hash and
// comparison. Waiting work is bounded: past the bound the caller gets
// ServerBusy at once, instead of queueing without end while each request
// times out anyway. And it is shared fairly: one client address may hold
// only a share of the queue (waiting and running together), so a burst from
// one address leaves room for everyone else's sign-ins.
import os from "node:os";
import path from "node:path";
import Piscina from "piscina";
import { remember } from "@/lib/remember";
import { ServerBusy } from "@/lib/server-busy";

export type HashTask = { op: "hash"; input: string; cost: number } | { op: "compare"; input: string; hash: string };

export type HashPool = {
  /** `client`: the client address the work is for, when known; it gets at most `perClient` tasks at once. */
  hash(input: string, cost: number, client?: string | null): Promise<string>;
  compare(input: string, hash: string, client?: string | null): Promise<boolean>;
  /** tasks waiting for a thread (not those running) */
  readonly queued: number;
  readonly threads: number;
  /** tasks one client address may have waiting or running at once */
  readonly perClient: number;
  destroy(): Promise<void>;
};

// Loaded by path at run time; the bundler must not try to follow it.
const WORKER_FILE = path.join(/*turbopackIgnore: true*/ process.cwd(), "lib/auth/bcrypt-worker.mjs");

/** A quarter of the queue (at least two): four busy addresses cannot shut out a fifth. */
export function perClientShare(maxQueue: number): number {
  return Math.max(2, Math.ceil(maxQueue / 4));
}

export function createHashPool(options: { threads?: number; maxQueue: number }): HashPool {
  const threads = options.threads ?? os.availableParallelism();
  const perClient = perClientShare(options.maxQueue);
  // tasks waiting or running per client address; an entry lives only while its count is above 0
  const held = new Map<string, number>();
  const pool = new Piscina<HashTask, string | boolean>({
    filename: WORKER_FILE,
    minThreads: threads, // started up front: the first sign-in should not wait for a thread
    maxThreads: threads,
    idleTimeout: Infinity,
  });
  const run = async (task: HashTask, client: string | null | undefined) => {
    if (pool.queueSize >= options.maxQueue) throw new ServerBusy("the password hashing queue is full");
    if (!client) return pool.run(task);
    const holding = held.get(client) ?? 0;
    if (holding >= perClient) throw new ServerBusy("this client address has its share of the password hashing queue");
    held.set(client, holding + 1);
    try {
      return await pool.run(task);
    } finally {
      const left = (held.get(client) ?? 1) - 1;
      if (left > 0) held.set(client, left);
      else held.delete(client);
    }
  };
  return {
    hash: async (input, cost, client) => String(await run({ op: "hash", input, cost }, client)),
    compare: async (input, hash, client) => (await run({ op: "compare", input, hash }, client)) === true,
    get queued() {
      return pool.queueSize;
    },
    threads,
    perClient,
    destroy: () => pool.destroy(),
  };
}

/** The one pool of this process. */
export function sharedHashPool(maxQueue: number): HashPool {
  return remember("hash-pool", () => createHashPool({ maxQueue }));
}
