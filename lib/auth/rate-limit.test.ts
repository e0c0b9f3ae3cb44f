import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS } from "@/test/databases";
import { openTestDb, type TestDb } from "@/test/db";
import { clearLimit, hitLimit, limitKey, type Limit } from "./rate-limit";

const limit: Limit = { name: "test", max: 3, windowMs: 60_000 };

describe.each(DB_KINDS)("hitLimit on %s", (kind) => {
  let testDb: TestDb;
  beforeAll(async () => {
    testDb = await openTestDb(kind);
  });
  afterAll(() => testDb.close());

  it("allows up to the maximum in a window, then refuses with a retry time", async () => {
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await hitLimit(testDb.db, limit, "a@example.test"));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false, false]);
    expect(results[4]?.retryAfterSeconds).toBeGreaterThan(50);
    expect(results[4]?.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it("counts every one of many concurrent hits", async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => hitLimit(testDb.db, limit, "race@example.test")));
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(results.filter((r) => r.allowed)).toHaveLength(3);
  });

  it("starts a new window once the old one has passed", async () => {
    for (let i = 0; i < 4; i++) await hitLimit(testDb.db, limit, "later@example.test");
    await testDb.db.rateLimit.update({
      where: { key: limitKey(limit, "later@example.test") },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await hitLimit(testDb.db, limit, "later@example.test")).toMatchObject({ allowed: true, count: 1 });
  });

  it("keeps subjects apart, stores no subject in clear, and can be cleared", async () => {
    await hitLimit(testDb.db, limit, "one@example.test");
    expect(await hitLimit(testDb.db, limit, "two@example.test")).toMatchObject({ count: 1 });
    const keys = (await testDb.db.rateLimit.findMany()).map((row) => row.key);
    expect(keys.join(" ")).not.toContain("example.test");
    await clearLimit(testDb.db, limit, "one@example.test");
    expect(await hitLimit(testDb.db, limit, "one@example.test")).toMatchObject({ count: 1 });
  });
});
