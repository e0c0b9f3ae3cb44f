// Registration on both databases: one account per address however many
// requests race, and the mail to send is queued in the same transaction as
// the account, without any token or link (the worker makes those later).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { limitKey } from "@/lib/auth/rate-limit";
import { emailSchema } from "@/lib/validation/email";
import { storedTexts, testHasher } from "@/test/account-deps";
import { DB_KINDS } from "@/test/databases";
import { openTestDb, type TestDb } from "@/test/db";
import type { AccountDeps } from "./deps";
import { ACCOUNT_EXISTS_NOTICE, registerAccount, REGISTRATIONS_PER_IP } from "./register";

const PASSWORD = "correct horse battery staple";

describe.each(DB_KINDS)("registerAccount on %s", (kind) => {
  let testDb: TestDb;
  let deps: AccountDeps;
  beforeAll(async () => {
    testDb = await openTestDb(kind);
    deps = { db: testDb.db, hasher: testHasher() };
  });
  afterAll(() => testDb.close());

  // every test has its own addresses, so rate limits and rows never overlap
  let serial = 0;
  const newEmail = (label: string) => `${label}-${++serial}@example.test`;
  /** The new account's id, or null when the address was taken. No client address: no per-network limit. */
  const register = async (email: string, name = "Ada", password = PASSWORD) => {
    const outcome = await registerAccount(deps, { name, email, password, ip: null });
    if (!outcome.ok) throw new Error(`refused: ${outcome.error}`);
    return outcome.userId;
  };
  const userWithHash = (email: string) => testDb.db.user.findUniqueOrThrow({ where: { email }, omit: { passwordHash: false } });
  const outboxTo = (email: string) => testDb.db.outboxMessage.findMany({ where: { to: email } });
  const countTemplates = async (email: string) => {
    const counts: Record<string, number> = {};
    for (const row of await outboxTo(email)) counts[row.template] = (counts[row.template] ?? 0) + 1;
    return counts;
  };

  describe("a new address", () => {
    it("creates one unverified user whose password is stored as a bcrypt hash", async () => {
      const email = newEmail("new");
      const id = await register(email);

      const user = await userWithHash(email);
      expect(user).toMatchObject({ id, email, name: "Ada", emailVerified: null });
      // cost 4 as configured, and a hash of this password (not of something else)
      expect(user.passwordHash).toMatch(/^\$2b\$04\$[./A-Za-z0-9]{53}$/);
      expect(await deps.hasher.verify(PASSWORD, user.passwordHash)).toBe(true);
      expect(await testDb.db.user.count({ where: { email } })).toBe(1);
    });

    it("queues exactly one verify-email for that user and address", async () => {
      const email = newEmail("queued");
      await register(email);
      const user = await testDb.db.user.findUniqueOrThrow({ where: { email } });

      const rows = await testDb.db.outboxMessage.findMany({ where: { OR: [{ to: email }, { userId: user.id }] } });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ template: "verify-email", to: email, userId: user.id, status: "PENDING", data: {} });
    });

    it("leaves no user behind when the mail cannot be queued: both writes are one transaction", async () => {
      const email = newEmail("atomic");
      // a trigger makes the outbox insert fail after the user insert has run
      await testDb.db.$executeRawUnsafe(`CREATE FUNCTION refuse_outbox() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'outbox refused by the test'; END $$`);
      await testDb.db.$executeRawUnsafe(`CREATE TRIGGER refuse_outbox BEFORE INSERT ON outbox_messages FOR EACH ROW EXECUTE FUNCTION refuse_outbox()`);
      try {
        await expect(register(email)).rejects.toThrow();
      } finally {
        await testDb.db.$executeRawUnsafe(`DROP TRIGGER refuse_outbox ON outbox_messages`);
        await testDb.db.$executeRawUnsafe(`DROP FUNCTION refuse_outbox()`);
      }
      expect(await testDb.db.user.count({ where: { email } })).toBe(0);
      expect(await outboxTo(email)).toHaveLength(0);

      // the address is still free: the retry is a normal first registration
      await register(email);
      expect(await countTemplates(email)).toEqual({ "verify-email": 1 });
    });
  });

  describe("an address that already has an account", () => {
    it("creates no second user, keeps the first one's password, and queues an account-exists notice", async () => {
      const email = newEmail("taken");
      await register(email, "Ada");
      const first = await userWithHash(email);

      // no id: nothing was created (the caller's answer is the same either way)
      await expect(register(email, "Mallory", "another long passphrase")).resolves.toBeNull();

      expect(await testDb.db.user.count({ where: { email } })).toBe(1);
      const after = await userWithHash(email);
      expect(after).toMatchObject({ id: first.id, name: "Ada", passwordHash: first.passwordHash });
      // no second verify-email: the failed user insert took its outbox row with it
      expect(await countTemplates(email)).toEqual({ "verify-email": 1, "account-exists": 1 });
      const notice = (await outboxTo(email)).find((row) => row.template === "account-exists");
      expect(notice).toMatchObject({ userId: first.id, to: email, data: {} });
    });

    it("treats an address typed in another case as the same account once the schema normalised it", async () => {
      const email = newEmail("case");
      await register(email);
      await register(emailSchema.parse(`  ${email.toUpperCase()} `));

      expect(await testDb.db.user.count({ where: { email: { in: [email, email.toUpperCase()] } } })).toBe(1);
      expect(await countTemplates(email)).toEqual({ "verify-email": 1, "account-exists": 1 });
    });

    it("sends at most one notice per address per 15 minutes", async () => {
      const email = newEmail("notice");
      await register(email);
      for (let attempt = 0; attempt < 3; attempt++) await register(email);
      expect(await countTemplates(email)).toEqual({ "verify-email": 1, "account-exists": 1 });

      const key = limitKey(ACCOUNT_EXISTS_NOTICE, email);
      const window = await testDb.db.rateLimit.findUniqueOrThrow({ where: { key } });
      expect(window.expiresAt.getTime() - window.windowStart.getTime()).toBe(15 * 60_000);

      // time travel: once the window has passed, the next attempt is noticed again
      await testDb.db.rateLimit.update({ where: { key }, data: { expiresAt: new Date(Date.now() - 1_000) } });
      await register(email);
      expect(await countTemplates(email)).toEqual({ "verify-email": 1, "account-exists": 2 });
    });
  });

  describe("concurrent registrations", () => {
    it("makes one account of 20 racing requests for one address, and none of them fails", async () => {
      const email = newEmail("race");
      const results = await Promise.allSettled(Array.from({ length: 20 }, () => register(email)));

      expect(results.filter((result) => result.status === "rejected")).toEqual([]);
      expect(await testDb.db.user.count({ where: { email } })).toBe(1);
      const counts = await countTemplates(email);
      expect(counts["verify-email"]).toBe(1);
      expect(counts["account-exists"] ?? 0).toBeLessThanOrEqual(1);
    });

    it("registers 50 different addresses at once without an error", async () => {
      const emails = Array.from({ length: 50 }, () => newEmail("crowd"));
      const results = await Promise.allSettled(emails.map((email) => register(email)));

      expect(results.filter((result) => result.status === "rejected")).toEqual([]);
      expect(await testDb.db.user.count({ where: { email: { in: emails } } })).toBe(50);
      expect(await testDb.db.outboxMessage.count({ where: { to: { in: emails }, template: "verify-email" } })).toBe(50);
    });
  });

  describe("the per-network limit", () => {
    it("refuses one network's registrations past its hourly allowance, before any hashing; other networks and unknown addresses go on", async () => {
      const ip = "203.0.113.40";
      for (let n = 0; n < REGISTRATIONS_PER_IP.max; n++) {
        expect(await registerAccount(deps, { name: "Ada", email: newEmail("same-network"), password: PASSWORD, ip })).toMatchObject({ ok: true });
      }
      const hash = vi.spyOn(deps.hasher, "hash");
      const email = newEmail("one-too-many");
      expect(await registerAccount(deps, { name: "Ada", email, password: PASSWORD, ip })).toEqual({
        ok: false,
        error: expect.stringMatching(/^Too many requests from your network\. Try again in (59|60) minutes\.$/),
      });
      expect(hash).not.toHaveBeenCalled();
      expect(await testDb.db.user.count({ where: { email } })).toBe(0);
      expect(await outboxTo(email)).toEqual([]);
      hash.mockRestore();

      const elsewhere = await registerAccount(deps, { name: "Ada", email, password: PASSWORD, ip: "203.0.113.41" });
      expect(elsewhere).toEqual({ ok: true, userId: (await testDb.db.user.findUniqueOrThrow({ where: { email } })).id });
      expect(await registerAccount(deps, { name: "Ada", email: newEmail("no-ip"), password: PASSWORD, ip: null })).toMatchObject({ ok: true });
      // a taken address counts too, and answers as a new one does
      expect(await registerAccount(deps, { name: "Ada", email, password: PASSWORD, ip: "203.0.113.41" })).toEqual({ ok: true, userId: null });

      // time travel: after the hour the network may register again
      await testDb.db.rateLimit.update({ where: { key: limitKey(REGISTRATIONS_PER_IP, ip) }, data: { expiresAt: new Date(Date.now() - 1_000) } });
      expect(await registerAccount(deps, { name: "Ada", email: newEmail("next-hour"), password: PASSWORD, ip })).toMatchObject({ ok: true });
    });
  });

  describe("the outbox", () => {
    it("holds no token and no link in any text or JSON column", async () => {
      const email = newEmail("secret");
      await register(email);
      await register(email); // and an account-exists notice

      const texts = await storedTexts(testDb.db, "outbox_messages");
      // the scan really reads the rows (a scan of nothing would pass anything)
      expect(texts).toEqual(expect.arrayContaining([expect.objectContaining({ column: "to", value: email })]));
      expect(texts.filter(({ column }) => column === "data").length).toBeGreaterThan(0);

      const leaks = texts.filter(({ value }) => value.includes("token=") || /[A-Za-z0-9_-]{43,}/.test(value));
      expect(leaks).toEqual([]);
    });
  });
});
