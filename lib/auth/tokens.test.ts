import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS } from "@/test/databases";
import { openTestDb, type TestDb } from "@/test/db";
import { discardToken, hashToken, issueToken, newToken, retireOlderTokens } from "./tokens";

describe("newToken", () => {
  it("is 32 random bytes in base64url, never repeated", () => {
    const tokens = new Set(Array.from({ length: 10_000 }, newToken));
    expect(tokens.size).toBe(10_000);
    for (const token of [...tokens].slice(0, 100)) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe.each(DB_KINDS)("issueToken on %s", (kind) => {
  let testDb: TestDb;
  let userId: string;
  beforeAll(async () => {
    testDb = await openTestDb(kind);
    userId = (await testDb.db.user.create({ data: { email: "tok@example.test" } })).id;
  });
  afterAll(() => testDb.close());

  it("stores only the hash, bound to the user, the address and an expiry", async () => {
    const before = Date.now();
    const { token } = await issueToken(testDb.db, { purpose: "VERIFY_EMAIL", userId, email: "tok@example.test", ttlMs: 3_600_000 });
    const rows = await testDb.db.token.findMany({ where: { userId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ tokenHash: hashToken(token), purpose: "VERIFY_EMAIL", email: "tok@example.test", usedAt: null });
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows[0]?.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(rows[0]?.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 3_600_000);
  });

  it("keeps older tokens until the newest is retired into place, for that purpose only", async () => {
    await testDb.db.token.deleteMany();
    const reset = await issueToken(testDb.db, { purpose: "RESET_PASSWORD", userId, email: "tok@example.test", ttlMs: 60_000 });
    const older = await issueToken(testDb.db, { purpose: "VERIFY_EMAIL", userId, email: "tok@example.test", ttlMs: 60_000 });
    const newer = await issueToken(testDb.db, { purpose: "VERIFY_EMAIL", userId, email: "tok@example.test", ttlMs: 60_000 });
    const hashes = async () => (await testDb.db.token.findMany({ where: { userId } })).map((row) => row.tokenHash).sort();
    expect(await hashes()).toHaveLength(3);
    await retireOlderTokens(testDb.db, { id: newer.id, userId, purpose: "VERIFY_EMAIL" });
    expect(await hashes()).toEqual([hashToken(reset.token), hashToken(newer.token)].sort());
    await discardToken(testDb.db, newer.id);
    expect(await hashes()).toEqual([hashToken(reset.token)]);
    expect(older.token).not.toBe(newer.token);
  });
});
