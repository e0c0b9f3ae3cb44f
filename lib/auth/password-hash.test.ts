import bcrypt from "bcryptjs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { env } from "@/lib/env";
import { sharedHashPool, type HashPool, type HashTask } from "./hash-pool";
import { createPasswordHasher, passwordHasher, preHashPassword } from "./password-hash";

const PEPPER = "test-pepper-0123456789abcdefghijklmnopqrstuvwxyz";
// Cost 4 (bcryptjs's minimum) keeps the suite fast; one test checks the real cost.
const hasher = createPasswordHasher({ pepper: PEPPER, cost: 4 });

afterEach(() => {
  vi.restoreAllMocks();
});

/** The shared pool, noting every task the hasher hands it. */
function recordingPool(): { pool: HashPool; tasks: HashTask[] } {
  const inner = sharedHashPool(64);
  const tasks: HashTask[] = [];
  const pool: HashPool = {
    ...inner,
    hash: (input, cost) => (tasks.push({ op: "hash", input, cost }), inner.hash(input, cost)),
    compare: (input, hash) => (tasks.push({ op: "compare", input, hash }), inner.compare(input, hash)),
    get queued() {
      return inner.queued;
    },
  };
  return { pool, tasks };
}

describe("createPasswordHasher", () => {
  it("verifies the password it hashed and nothing else", async () => {
    const hash = await hasher.hash("Secret-Passphrase-15");
    expect(await hasher.verify("Secret-Passphrase-15", hash)).toBe(true);
    expect(await hasher.verify("Secret-Passphrase-16", hash)).toBe(false);
  });

  it("keeps case: a lower-cased password does not verify", async () => {
    const hash = await hasher.hash("Secret-Passphrase-15");
    expect(await hasher.verify("secret-passphrase-15", hash)).toBe(false);
  });

  it("never truncates at bcrypt's 72 bytes", async () => {
    const x = "a".repeat(72);
    const hash = await hasher.hash(x + "b");
    expect(await hasher.verify(x + "c", hash)).toBe(false);
    expect(await hasher.verify(x, hash)).toBe(false);
    expect(await hasher.verify(x + "b", hash)).toBe(true);
  });

  it("tells long multi-byte passwords apart (64 emoji = 256 bytes)", async () => {
    const hash = await hasher.hash("😀".repeat(64));
    expect(await hasher.verify("😀".repeat(63) + "😁", hash)).toBe(false);
    expect(await hasher.verify("😀".repeat(64), hash)).toBe(true);
  });

  it("compares NFKC forms: precomposed é matches e + U+0301", async () => {
    const hash = await hasher.hash("Caf\u00e9-au-lait-2024!");
    expect(await hasher.verify("Cafe\u0301-au-lait-2024!", hash)).toBe(true);
  });

  it("salts every hash", async () => {
    const [a, b] = await Promise.all([hasher.hash("same password twice"), hasher.hash("same password twice")]);
    expect(a).not.toBe(b);
  });

  it("depends on the pepper", async () => {
    const hash = await hasher.hash("Secret-Passphrase-15");
    const otherPepper = createPasswordHasher({ pepper: PEPPER + "x", cost: 4 });
    expect(await otherPepper.verify("Secret-Passphrase-15", hash)).toBe(false);
  });

  it("still spends a bcrypt comparison when there is no hash, and returns false", async () => {
    const { pool, tasks } = recordingPool();
    const recorded = createPasswordHasher({ pepper: PEPPER, cost: 4, pool });
    expect(await recorded.verify("Secret-Passphrase-15", null)).toBe(false);
    expect(await recorded.verify("Secret-Passphrase-15", undefined)).toBe(false);
    expect(await recorded.verify("Secret-Passphrase-15", "not-a-bcrypt-hash")).toBe(false);
    expect(tasks.filter((task) => task.op === "compare")).toHaveLength(3);
  });

  it("never hands bcrypt a string it would truncate", async () => {
    const { pool, tasks } = recordingPool();
    const recorded = createPasswordHasher({ pepper: PEPPER, cost: 4, pool });
    const passwords = ["a".repeat(1024), "密".repeat(1024), "😀".repeat(1024), "short"];
    for (const password of passwords) await recorded.verify(password, await recorded.hash(password));
    await recorded.verify("anything", null);
    expect(tasks.length).toBeGreaterThanOrEqual(9);
    for (const task of tasks) expect(bcrypt.truncates(task.input)).toBe(false);
    expect(preHashPassword("😀".repeat(1024), PEPPER)).toMatch(/^[A-Za-z0-9+/]{64}$/);
  });

  it("refuses more than 1,024 code points before bcrypt is called", async () => {
    const { pool, tasks } = recordingPool();
    const recorded = createPasswordHasher({ pepper: PEPPER, cost: 4, pool });
    await expect(recorded.hash("😀".repeat(1025))).rejects.toThrow(RangeError);
    await expect(recorded.hash("a".repeat(100_000))).rejects.toThrow(RangeError);
    await expect(recorded.verify("a".repeat(1025), null)).rejects.toThrow(RangeError);
    expect(tasks).toHaveLength(0);
  });

  it("flags hashes made at another cost for rehashing", async () => {
    const at12 = createPasswordHasher({ pepper: PEPPER, cost: 12 });
    const cost10Hash = await bcrypt.hash("x", 10);
    expect(at12.needsRehash(cost10Hash)).toBe(true);
    expect(at12.needsRehash(cost10Hash.replace("$10$", "$12$"))).toBe(false);
    expect(at12.needsRehash("not-a-bcrypt-hash")).toBe(true);
  });

  it("stores $2b$ hashes at the configured cost", async () => {
    const hash = await createPasswordHasher({ pepper: PEPPER, cost: 12 }).hash("Secret-Passphrase-15");
    expect(hash).toMatch(/^\$2b\$12\$[./A-Za-z0-9]{53}$/);
  });

  it("refuses an empty pepper and costs bcryptjs would silently clamp", () => {
    expect(() => createPasswordHasher({ pepper: "", cost: 12 })).toThrow();
    expect(() => createPasswordHasher({ pepper: PEPPER, cost: 3 })).toThrow(RangeError);
    expect(() => createPasswordHasher({ pepper: PEPPER, cost: 32 })).toThrow(RangeError);
  });
});

describe("passwordHasher", () => {
  it("is configured from the environment on first use", async () => {
    const hash = await passwordHasher.hash("Secret-Passphrase-15");
    expect(hash.startsWith(`$2b$${env().bcryptCost}$`)).toBe(true);
    expect(passwordHasher.needsRehash(hash)).toBe(false);
    expect(await passwordHasher.verify("Secret-Passphrase-15", hash)).toBe(true);
  });
});
