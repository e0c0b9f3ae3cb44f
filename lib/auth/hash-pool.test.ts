// The hashing pool: bcrypt runs in worker threads, never on the main thread;
// waiting work is bounded; and its hashes are plain bcrypt both ways.
import { readdirSync, readFileSync } from "node:fs";
import bcrypt from "bcryptjs";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { isServerBusy } from "@/lib/server-busy";
import { createHashPool } from "./hash-pool";
import { createPasswordHasher, preHashPassword } from "./password-hash";

const PEPPER = "pool-test-pepper-0123456789abcdefghijklmnopqrstuvwxyz";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the hashing pool", () => {
  const pool = createHashPool({ threads: 2, maxQueue: 8 });
  const hasher = createPasswordHasher({ pepper: PEPPER, cost: 4, pool });
  afterAll(() => pool.destroy());

  it("hashes and verifies without the main thread ever calling bcrypt", async () => {
    const onMainThread = (["hash", "hashSync", "compare", "compareSync", "genSalt", "genSaltSync"] as const).map((name) => vi.spyOn(bcrypt, name));
    const hash = await hasher.hash("correct horse battery staple");
    expect(await hasher.verify("correct horse battery staple", hash)).toBe(true);
    expect(await hasher.verify("wrong horse battery staple", hash)).toBe(false);
    expect(await hasher.verify("no account at all", null)).toBe(false);
    for (const spy of onMainThread) expect(spy).not.toHaveBeenCalled();
  });

  it("makes hashes that plain bcryptjs verifies, and verifies hashes plain bcryptjs made", async () => {
    const password = "lantern meadow quietly hums";
    const preHash = preHashPassword(password, PEPPER);
    const fromPool = await hasher.hash(password);
    expect(bcrypt.compareSync(preHash, fromPool)).toBe(true);
    const fromBcryptjs = bcrypt.hashSync(preHash, 4);
    expect(await hasher.verify(password, fromBcryptjs)).toBe(true);
    expect(await hasher.verify("lantern meadow quietly hum", fromBcryptjs)).toBe(false);
  });

  it("is sized to the threads it was given", () => {
    expect(pool.threads).toBe(2);
  });
});

describe("the queue bound", () => {
  it("refuses at once what would wait beyond the bound, and finishes the rest", async () => {
    const pool = createHashPool({ threads: 1, maxQueue: 2 });
    try {
      await pool.hash("warm-up", 4); // the thread is up and idle
      // one task runs, two wait, the other three are turned away
      const results = await Promise.allSettled(Array.from({ length: 6 }, (_, index) => pool.hash(`input ${index}`, 10)));
      const refused = results.filter((result) => result.status === "rejected");
      expect(refused).toHaveLength(3);
      for (const result of refused) expect(isServerBusy(result.reason)).toBe(true);
      const done = results.flatMap((result, index) => (result.status === "fulfilled" ? [{ index, hash: result.value }] : []));
      expect(done.map(({ index }) => index)).toEqual([0, 1, 2]);
      for (const { index, hash } of done) expect(bcrypt.compareSync(`input ${index}`, hash)).toBe(true);
      expect(pool.queued).toBe(0);
    } finally {
      await pool.destroy();
    }
  });
});

describe("a fair share per client address", () => {
  it("turns away one address's tasks past its share, while another address still gets in", async () => {
    const pool = createHashPool({ threads: 1, maxQueue: 8 });
    try {
      expect(pool.perClient).toBe(2);
      await pool.hash("warm-up", 4);
      const burst = Array.from({ length: 6 }, (_, index) => pool.hash(`burst ${index}`, 10, "203.0.113.1"));
      const other = pool.hash("another client", 10, "203.0.113.2");
      const results = await Promise.allSettled(burst);
      const refused = results.filter((result) => result.status === "rejected");
      expect(refused).toHaveLength(4);
      for (const result of refused) expect(isServerBusy(result.reason)).toBe(true);
      expect(bcrypt.compareSync("another client", await other)).toBe(true);
      // its share is given back as its tasks finish
      expect(bcrypt.compareSync("later", await pool.hash("later", 4, "203.0.113.1"))).toBe(true);
    } finally {
      await pool.destroy();
    }
  });
});

/** A thread's nice value (Linux: field 19 of its stat file). */
function niceness(statFile: string): number {
  const stat = readFileSync(statFile, "utf8");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
}

const threadsNicerThan = (nice: number) => readdirSync("/proc/self/task").filter((tid) => niceness(`/proc/self/task/${tid}/stat`) > nice).length;

describe.runIf(process.platform === "linux")("hashing threads on Linux", () => {
  it("run at a lower priority than the thread that serves requests", async () => {
    const caller = niceness("/proc/thread-self/stat");
    const before = threadsNicerThan(caller);
    const pool = createHashPool({ threads: 2, maxQueue: 8 });
    try {
      await Promise.all([pool.hash("warm up", 4), pool.hash("both threads", 4)]);
      expect(threadsNicerThan(caller) - before).toBe(2);
      expect(niceness("/proc/thread-self/stat")).toBe(caller);
    } finally {
      await pool.destroy();
    }
  });
});
