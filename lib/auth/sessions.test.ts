import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDbClient } from "@/lib/db";
import { DB_KINDS } from "@/test/databases";
import { openTestDb, type TestDb } from "@/test/db";
import { checkSession, createSession, findLiveSession, hashSessionId, revokeSession, revokeUserSessions, rotateSessionId, type SessionPolicy } from "./sessions";

const policy = { idleMinutes: 60, maxAgeDays: 30 };
const HOUR = 3_600_000;

describe.each(DB_KINDS)("sessions on %s", (kind) => {
  let testDb: TestDb;
  let userId: string;
  beforeAll(async () => {
    testDb = await openTestDb(kind);
    userId = (await testDb.db.user.create({ data: { email: "s@example.test" } })).id;
  });
  afterAll(() => testDb.close());

  const newSession = (persistent = false) => createSession(testDb.db, policy, { userId, persistent, userAgent: "Firefox", ip: "192.0.2.1" });
  const rowOf = (sid: string) => testDb.db.session.findUniqueOrThrow({ where: { sessionToken: hashSessionId(sid) } });
  const age = (sid: string, data: { lastSeenAt?: Date; expires?: Date }) => testDb.db.session.update({ where: { sessionToken: hashSessionId(sid) }, data });

  it("stores only a hash of a random 256-bit id", async () => {
    const sid = await newSession();
    expect(sid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await rowOf(sid);
    expect(row.sessionToken).toBe(hashSessionId(sid));
    expect(row).toMatchObject({ userAgent: "Firefox", ip: "192.0.2.1", revokedAt: null });
    expect(row.expires.getTime() - row.createdAt.getTime()).toBeCloseTo(30 * 24 * HOUR, -4);
  });

  it("finds a live session and refreshes its last-seen time", async () => {
    const sid = await newSession();
    await age(sid, { lastSeenAt: new Date(Date.now() - 30 * 60_000) });
    expect(await findLiveSession(testDb.db, policy, sid)).toMatchObject({ userId });
    expect(Date.now() - (await rowOf(sid)).lastSeenAt.getTime()).toBeLessThan(5_000);
  });

  it("ends a session that was idle too long, unless it is persistent", async () => {
    const [plain, remembered] = [await newSession(false), await newSession(true)];
    for (const sid of [plain, remembered]) await age(sid, { lastSeenAt: new Date(Date.now() - 2 * HOUR) });
    expect(await findLiveSession(testDb.db, policy, plain)).toBeNull();
    expect((await rowOf(plain)).revokedAt).not.toBeNull();
    expect(await findLiveSession(testDb.db, policy, remembered)).not.toBeNull();
  });

  it("ends every session at its absolute end", async () => {
    const sid = await newSession(true);
    await age(sid, { expires: new Date(Date.now() - 1000) });
    expect(await findLiveSession(testDb.db, policy, sid)).toBeNull();
  });

  it("rejects unknown and revoked ids", async () => {
    expect(await findLiveSession(testDb.db, policy, "forged")).toBeNull();
    const sid = await newSession();
    await revokeSession(testDb.db, sid);
    expect(await findLiveSession(testDb.db, policy, sid)).toBeNull();
  });

  describe("with a cap on sessions per user", () => {
    const capped = { ...policy, maxPerUser: 3 };
    const newUser = async (label: string) => (await testDb.db.user.create({ data: { email: `${label}-${Date.now()}@example.test` } })).id;
    const signIn = (owner: string, cap: SessionPolicy = capped) => createSession(testDb.db, cap, { userId: owner, persistent: false });
    const liveOf = async (owner: string) => testDb.db.session.count({ where: { userId: owner, revokedAt: null } });

    it("ends the least recently used session when one more signs in, whatever the order they began in", async () => {
      const owner = await newUser("capped");
      const [first, second, third] = [await signIn(owner), await signIn(owner), await signIn(owner)];
      // the second browser is the one that has not been used for longest
      await age(first, { lastSeenAt: new Date(Date.now() - 5 * 60_000) });
      await age(second, { lastSeenAt: new Date(Date.now() - 30 * 60_000) });
      await age(third, { lastSeenAt: new Date(Date.now() - 10 * 60_000) });
      expect(await liveOf(owner)).toBe(3);

      const fourth = await signIn(owner);

      expect(await findLiveSession(testDb.db, capped, second)).toBeNull();
      expect((await rowOf(second)).revokedAt).not.toBeNull();
      for (const sid of [first, third, fourth]) expect(await findLiveSession(testDb.db, capped, sid)).not.toBeNull();
      expect(await liveOf(owner)).toBe(3);
    });

    it("does not count a session that has already run out, so it never costs a live one its place", async () => {
      const owner = await newUser("expired-free");
      const [expired, live, idle] = [await signIn(owner), await signIn(owner), await signIn(owner)];
      await age(expired, { expires: new Date(Date.now() - 60_000) });
      await age(idle, { lastSeenAt: new Date(Date.now() - (policy.idleMinutes + 1) * 60_000) });

      const [next, last] = [await signIn(owner), await signIn(owner)];

      for (const sid of [live, next, last]) expect(await findLiveSession(testDb.db, capped, sid)).not.toBeNull();
    });

    it("does not count revoked sessions, nor another user's", async () => {
      const [owner, neighbour] = [await newUser("revoked-free"), await newUser("neighbour")];
      const neighbours = [await signIn(neighbour), await signIn(neighbour), await signIn(neighbour)];
      const gone = await signIn(owner);
      await revokeSession(testDb.db, gone);
      const kept = [await signIn(owner), await signIn(owner), await signIn(owner)];

      for (const sid of [...kept, ...neighbours]) expect(await findLiveSession(testDb.db, capped, sid)).not.toBeNull();
      expect(await liveOf(owner)).toBe(3);
    });

    it("ends nothing without a cap", async () => {
      const owner = await newUser("uncapped");
      for (let i = 0; i < 5; i++) await signIn(owner, policy);
      expect(await liveOf(owner)).toBe(5);
    });
  });

  it("revokes all of a user's sessions, or all but one", async () => {
    const [keep, other] = [await newSession(), await newSession()];
    await revokeUserSessions(testDb.db, userId, keep);
    expect(await findLiveSession(testDb.db, policy, keep)).not.toBeNull();
    expect(await findLiveSession(testDb.db, policy, other)).toBeNull();
    await revokeUserSessions(testDb.db, userId);
    expect(await findLiveSession(testDb.db, policy, keep)).toBeNull();
  });

  it("rotates a live session's id: the old id stops working, the new one keeps the same row", async () => {
    const sid = await newSession(true);
    const before = await rowOf(sid);
    const next = await rotateSessionId(testDb.db, sid, userId);
    expect(next).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(next).not.toBe(sid);
    expect(await findLiveSession(testDb.db, policy, sid)).toBeNull();
    expect(await rowOf(next ?? "")).toMatchObject({ id: before.id, createdAt: before.createdAt, persistent: true, revokedAt: null });
    expect(await rotateSessionId(testDb.db, next ?? "", "someone-else")).toBeNull();
    await revokeSession(testDb.db, next ?? "");
    expect(await rotateSessionId(testDb.db, next ?? "", userId)).toBeNull();
  });

  it("checks a cookie's session: live for its own user, ended otherwise", async () => {
    const sid = await newSession();
    expect(await checkSession(testDb.db, policy, sid, userId)).toBe("live");
    expect(await checkSession(testDb.db, policy, sid, "someone-else")).toBe("ended");
    await revokeSession(testDb.db, sid);
    expect(await checkSession(testDb.db, policy, sid, userId)).toBe("ended");
  });
});

describe("a session check while the database does not answer", () => {
  it("says unavailable (neither signed in nor out), at once, instead of throwing", async () => {
    // nothing listens on port 1: every connection is refused, as while PostgreSQL restarts
    const db = createDbClient("postgresql://postgres@127.0.0.1:1/nowhere", { connectTimeoutMs: 1_000 });
    try {
      const started = Date.now();
      expect(await checkSession(db, policy, "a".repeat(43), "user-id")).toBe("unavailable");
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      await db.$disconnect();
    }
  });
});
