import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS } from "@/test/databases";
import { openTestDb, type TestDb } from "@/test/db";
import { Prisma } from "./generated/prisma/client";

describe.each(DB_KINDS)("the database client on %s", (kind) => {
  let testDb: TestDb;
  beforeAll(async () => {
    testDb = await openTestDb(kind);
  });
  afterAll(() => testDb.close());

  it("leaves the password hash out unless a query asks for it", async () => {
    const { db } = testDb;
    const created = await db.user.create({ data: { email: "hash@example.test", passwordHash: "$2b$12$secret" } });
    expect(created).not.toHaveProperty("passwordHash");
    expect(await db.user.findUniqueOrThrow({ where: { id: created.id } })).not.toHaveProperty("passwordHash");
    const withHash = await db.user.findUniqueOrThrow({ where: { id: created.id }, omit: { passwordHash: false } });
    expect(withHash.passwordHash).toBe("$2b$12$secret");
  });

  it("keeps email addresses unique (P2002)", async () => {
    const { db } = testDb;
    await db.user.create({ data: { email: "twice@example.test" } });
    const duplicate = db.user.create({ data: { email: "twice@example.test" } });
    await expect(duplicate).rejects.toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    await expect(duplicate).rejects.toMatchObject({ code: "P2002" });
  });
});
