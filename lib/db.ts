// The application's only database client. DATABASE_URL picks the backend
// (see lib/db-adapter.ts). The password hash is left out of every query
// unless a query asks for it with `omit: { passwordHash: false }`.
import { makeAdapterFactory } from "./db-adapter";
import { env } from "./env";
import { PrismaClient } from "./generated/prisma/client";

export function createDbClient(url: string, pool: { max?: number; connectTimeoutMs?: number } = {}) {
  return new PrismaClient({
    adapter: makeAdapterFactory(url, pool),
    omit: { user: { passwordHash: true } },
  });
}

export type DbClient = ReturnType<typeof createDbClient>;
/** The client inside `db.$transaction(async (tx) => …)`. */
export type DbTransaction = Parameters<Parameters<DbClient["$transaction"]>[0]>[0];

// Cached on globalThis in every environment, not only in development:
// Next.js may evaluate this module once per bundle layer, and the embedded
// database must have exactly one owner per process.
const holder = globalThis as unknown as { __db?: DbClient };

function sharedClient(): DbClient {
  const { databaseUrl, dbPoolSize, dbConnectTimeoutMs } = env();
  return (holder.__db ??= createDbClient(databaseUrl, { max: dbPoolSize, connectTimeoutMs: dbConnectTimeoutMs }));
}

// Created on first use, so importing this module (as `next build` does while
// collecting pages) neither reads the environment nor opens a database.
export const db: DbClient = new Proxy({} as DbClient, {
  get(_target, property) {
    const client = sharedClient();
    const value: unknown = Reflect.get(client, property);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

/** For code that runs both on its own and inside a caller's transaction. */
export type DbOrTransaction = DbClient | DbTransaction;
