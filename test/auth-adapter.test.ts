// The schema serves every method of @auth/prisma-adapter on both databases.
import type { Adapter } from "@auth/core/adapters";
import { PrismaAdapter } from "@auth/prisma-adapter";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS } from "./databases";
import { openTestDb, type TestDb } from "./db";

describe.each(DB_KINDS)("@auth/prisma-adapter on %s", (kind) => {
  let testDb: TestDb;
  let adapter: Required<Adapter>;

  beforeAll(async () => {
    testDb = await openTestDb(kind);
    // the adapter is typed against the default @prisma/client output; ours is generated elsewhere
    adapter = PrismaAdapter(testDb.db as unknown as Parameters<typeof PrismaAdapter>[0]) as Required<Adapter>;
  });
  afterAll(() => testDb.close());

  it("creates, reads, updates and deletes users, accounts, sessions and verification tokens", async () => {
    const user = await adapter.createUser({ id: "", email: "ada@example.test", emailVerified: null, name: "Ada" });
    expect(await adapter.getUser(user.id)).toMatchObject({ email: "ada@example.test", name: "Ada" });
    expect(await adapter.getUserByEmail("ada@example.test")).toMatchObject({ id: user.id });
    expect(await adapter.updateUser({ id: user.id, name: "Ada L." })).toMatchObject({ name: "Ada L." });

    const account = { userId: user.id, type: "oidc" as const, provider: "example", providerAccountId: "42" };
    await adapter.linkAccount(account);
    expect(await adapter.getUserByAccount({ provider: "example", providerAccountId: "42" })).toMatchObject({ id: user.id });
    await adapter.unlinkAccount({ provider: "example", providerAccountId: "42" });
    expect(await adapter.getUserByAccount({ provider: "example", providerAccountId: "42" })).toBeNull();

    const expires = new Date(Date.now() + 60_000);
    await adapter.createSession({ sessionToken: "session-hash", userId: user.id, expires });
    const found = await adapter.getSessionAndUser("session-hash");
    expect(found?.user).toMatchObject({ id: user.id });
    expect(found?.user).not.toHaveProperty("passwordHash");
    await adapter.updateSession({ sessionToken: "session-hash", expires: new Date(Date.now() + 120_000) });
    await adapter.deleteSession("session-hash");
    expect(await adapter.getSessionAndUser("session-hash")).toBeNull();

    await adapter.createVerificationToken({ identifier: "ada@example.test", token: "t", expires });
    expect(await adapter.useVerificationToken({ identifier: "ada@example.test", token: "t" })).toMatchObject({ token: "t" });
    expect(await adapter.useVerificationToken({ identifier: "ada@example.test", token: "t" })).toBeNull();

    await adapter.deleteUser(user.id);
    expect(await adapter.getUser(user.id)).toBeNull();
  });
});
