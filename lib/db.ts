// The application's only database client. DATABASE_URL picks the backend
// (see lib/db-adapter.ts). The password hash is left out of every query
// unless a query asks for it with `omit: { passwordHash: false }`.
import { isEmbeddedUrl, makeAdapterFactory, type PoolSettings } from "./db-adapter";
import { env } from "./env";
import { Prisma, PrismaClient } from "./generated/prisma/client";
import { describeError, log } from "./log";
import { remember } from "./remember";

export function createDbClient(url: string, pool: PoolSettings = {}) {
  return new PrismaClient({
    adapter: makeAdapterFactory(url, pool),
    omit: { user: { passwordHash: true } },
    // Waiting for a connection: the embedded database runs one transaction at a
    // time, so others queue longer there; Prisma's default 2 s is short for bursts.
    transactionOptions: isEmbeddedUrl(url) ? { maxWait: 15_000, timeout: 15_000 } : { maxWait: 5_000, timeout: 10_000 },
  });
}

/** A unique constraint refused the write (e.g. an email address that is taken). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export type DbClient = ReturnType<typeof createDbClient>;
/** The client inside `db.$transaction(async (tx) => …)`. */
export type DbTransaction = Parameters<Parameters<DbClient["$transaction"]>[0]>[0];

// One per process in every environment, not only in development: the
// embedded database must have exactly one owner per process.
function sharedClient(): DbClient {
  const { databaseUrl, dbPoolSize, dbConnectTimeoutMs, dbStatementTimeoutMs } = env();
  return remember("db", () =>
    createDbClient(databaseUrl, {
      max: dbPoolSize,
      connectTimeoutMs: dbConnectTimeoutMs,
      statementTimeoutMs: dbStatementTimeoutMs,
      // an idle connection the server closed (a restart): one structured line, and the pool opens another when asked
      onPoolError: (error) => log("warn", "db_connection_lost", { error: describeError(error) }),
    }),
  );
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
