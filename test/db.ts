// A Prisma client on a private test database of the given kind.
import { createDbClient, type DbClient } from "@/lib/db";
import { createTestDatabase, type DbKind, type TestDatabase } from "./databases";

export type TestDb = { db: DbClient; database: TestDatabase; close: () => Promise<void> };

export async function openTestDb(kind: DbKind): Promise<TestDb> {
  const database = await createTestDatabase(kind);
  const db = createDbClient(database.url);
  return {
    db,
    database,
    close: async () => {
      await db.$disconnect();
      await database.drop();
    },
  };
}
