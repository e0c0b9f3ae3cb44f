// The credential check behind every sign-in path, on both databases. Unknown
// addresses and wrong passwords must look alike and cost alike; only the
// right password learns that an address still needs verifying.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { sharedHashPool } from "@/lib/auth/hash-pool";
import type { PasswordHasher } from "@/lib/auth/password-hash";
import type { SignInPolicy } from "@/lib/auth/sign-in-throttle";
import { testHasher } from "@/test/account-deps";
import { DB_KINDS } from "@/test/databases";
import { openTestDb, type TestDb } from "@/test/db";
import type { AccountDeps } from "./deps";
import { registerAccount } from "./register";
import { checkCredentials } from "./sign-in";

const PASSWORD = "Secret-Passphrase-15";
/** The refusal, naming the account whose password was wrong (null for an address with none). */
const invalidFor = (userId: string | null) => ({ ok: false, reason: "invalid", userId });
/** Throttling has its own tests (sign-in-throttle.test.ts); here it never gets in the way. */
const ROOMY_POLICY: SignInPolicy = { emailFailures: 1000, backoffBaseMs: 1, backoffMaxMs: 1, lockoutFailures: 10_000, ipFailures: 1000 };

describe.each(DB_KINDS)("checkCredentials on %s", (kind) => {
  let testDb: TestDb;
  let hasher: PasswordHasher;
  let deps: AccountDeps;

  beforeAll(async () => {
    testDb = await openTestDb(kind);
    hasher = testHasher();
    deps = { db: testDb.db, hasher };
  });
  afterAll(() => testDb.close());
  afterEach(() => {
    vi.restoreAllMocks();
  });

  // every test has its own addresses, so rate limits and rows never overlap
  let serial = 0;
  const newEmail = (label: string) => `${label}-${++serial}@example.test`;

  async function unverifiedUser(label: string) {
    const email = newEmail(label);
    await registerAccount(deps, { name: "Ada", email, password: PASSWORD, ip: null });
    return testDb.db.user.findUniqueOrThrow({ where: { email } });
  }
  async function verifiedUser(label: string) {
    const user = await unverifiedUser(label);
    return testDb.db.user.update({ where: { id: user.id }, data: { emailVerified: new Date() } });
  }
  const storedHash = async (userId: string) => (await testDb.db.user.findUniqueOrThrow({ where: { id: userId }, omit: { passwordHash: false } })).passwordHash;
  const verifyMailsTo = (email: string) => testDb.db.outboxMessage.count({ where: { to: email, template: "verify-email" } });
  const check = (email: string, password: string) => checkCredentials(deps, { email, password }, ROOMY_POLICY);

  describe("the right password for a verified account", () => {
    it("signs in and returns the id, name and email, never the hash", async () => {
      const user = await verifiedUser("ok");
      const outcome = await check(user.email, PASSWORD);

      expect(outcome).toEqual({ ok: true, user: { id: user.id, name: "Ada", email: user.email } });
      if (!outcome.ok) throw new Error("expected a successful check");
      expect(Object.keys(outcome.user).sort()).toEqual(["email", "id", "name"]);
      expect(outcome.user).not.toHaveProperty("passwordHash");
    });
  });

  describe("wrong credentials", () => {
    it("refuses a wrong password after comparing it with the stored hash", async () => {
      const user = await verifiedUser("wrong");
      const verify = vi.spyOn(hasher, "verify");

      expect(await check(user.email, "Wrong-Passphrase-15")).toEqual(invalidFor(user.id));
      expect(verify).toHaveBeenCalledTimes(1);
      expect(verify).toHaveBeenCalledWith("Wrong-Passphrase-15", await storedHash(user.id), null);
    });

    it("answers an unknown address the same way, after a bcrypt comparison all the same", async () => {
      const verify = vi.spyOn(hasher, "verify");
      // one level down: the hasher really spends a bcrypt comparison (in the pool) on the dummy hash
      const compare = vi.spyOn(sharedHashPool(64), "compare");
      const unknown = newEmail("nobody");

      expect(await check(unknown, PASSWORD)).toEqual(invalidFor(null));
      expect(verify).toHaveBeenCalledTimes(1);
      expect(verify).toHaveBeenCalledWith(PASSWORD, undefined, null);
      expect(compare).toHaveBeenCalledTimes(1);
      expect(await testDb.db.outboxMessage.count({ where: { to: unknown } })).toBe(0);
    });

    it("refuses a password that differs only in letter case", async () => {
      const user = await verifiedUser("case");
      expect(await check(user.email, PASSWORD.toLowerCase())).toEqual(invalidFor(user.id));
      expect(await check(user.email, PASSWORD.toUpperCase())).toEqual(invalidFor(user.id));
      expect(await check(user.email, PASSWORD)).toMatchObject({ ok: true });
    });
  });

  describe("an unverified account", () => {
    it("answers a wrong password with the generic refusal and sends nothing", async () => {
      const user = await unverifiedUser("unverified-wrong");
      expect(await check(user.email, "Wrong-Passphrase-15")).toEqual(invalidFor(user.id));
      expect(await verifyMailsTo(user.email)).toBe(1); // the registration's mail only
    });

    it("says unverified only to the right password, and queues a new link at most once per window", async () => {
      const user = await unverifiedUser("unverified");
      expect(await verifyMailsTo(user.email)).toBe(1);

      expect(await check(user.email, PASSWORD)).toEqual({ ok: false, reason: "unverified" });
      expect(await verifyMailsTo(user.email)).toBe(2);
      // a second attempt within the resend window queues nothing more
      expect(await check(user.email, PASSWORD)).toEqual({ ok: false, reason: "unverified" });
      expect(await verifyMailsTo(user.email)).toBe(2);
    });
  });

  describe("rehashing at the configured cost", () => {
    it("upgrades a hash of another cost after a successful check, and not after a failed one", async () => {
      const email = newEmail("rehash");
      // stored by a hasher with the same pepper at cost 5, while deps use cost 4
      const oldHash = await testHasher(5).hash(PASSWORD);
      expect(oldHash).toMatch(/^\$2b\$05\$/);
      const user = await testDb.db.user.create({ data: { email, name: "Ada", passwordHash: oldHash, emailVerified: new Date() } });

      expect(await check(email, "Wrong-Passphrase-15")).toEqual(invalidFor(user.id));
      expect(await storedHash(user.id)).toBe(oldHash);

      expect(await check(email, PASSWORD)).toMatchObject({ ok: true });
      const newHash = await storedHash(user.id);
      expect(newHash).toMatch(/^\$2b\$04\$/);
      expect(await hasher.verify(PASSWORD, newHash)).toBe(true);

      // at the configured cost now: the next sign-in works and leaves the hash alone
      expect(await check(email, PASSWORD)).toMatchObject({ ok: true });
      expect(await storedHash(user.id)).toBe(newHash);
    });
  });
});
