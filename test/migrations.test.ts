// The committed migrations build the schema on an empty database of each
// kind, and describe schema.prisma exactly (no change left without a migration).
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { createDbClient } from "@/lib/db";
import { createEmptyDatabase, DB_KINDS, migrate } from "./databases";

const run = promisify(execFile);

describe.each(DB_KINDS)("migrations on an empty %s database", (kind) => {
  it("apply with `prisma migrate deploy` and create every table", async () => {
    const database = await createEmptyDatabase(kind);
    try {
      await migrate(database.url);
      const db = createDbClient(database.url);
      try {
        const tables = await db.$queryRaw<{ tablename: string }[]>`
          SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`;
        expect(tables.map((t) => t.tablename)).toEqual([
          "_prisma_migrations",
          "accounts",
          "avatars",
          "outbox_messages",
          "rate_limits",
          "security_events",
          "sessions",
          "tokens",
          "users",
          "verification_tokens",
        ]);
        expect(await db.user.count()).toBe(0); // no seeded or default accounts
      } finally {
        await db.$disconnect();
      }
    } finally {
      await database.drop();
    }
  });
});

describe("schema.prisma", () => {
  it("matches the committed migrations", async () => {
    const diff = run("npx", ["prisma", "migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema.prisma", "--exit-code"], {
      env: { ...process.env, DATABASE_URL: "pglite:memory" },
    });
    // exit code 2 means a difference: run `npm run db:new-migration -- <name>`
    await expect(diff).resolves.toBeDefined();
  });
});
