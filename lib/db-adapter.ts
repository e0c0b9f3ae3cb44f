// Chooses Prisma's driver adapter from a database URL and routes around the
// defects of Prisma 6.19.3 and PGlite that stand between us and an offline,
// PostgreSQL-dialect setup. Every workaround is numbered; db-adapter.test.ts
// has one test per number, so an upgrade that fixes or breaks one is noticed.
//
//   postgres://… | postgresql://…  -> a PostgreSQL server over a pg.Pool
//   pglite:<dir> | pglite:memory    -> embedded PGlite in this process
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { createPgConfig } from "@electric-sql/pglite/node-postgres";
import { PrismaPg } from "@prisma/adapter-pg";
import { ColumnTypeEnum, type SqlDriverAdapter, type SqlMigrationAwareDriverAdapterFactory, type SqlQueryable } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { remember } from "./remember";

export const DEFAULT_DATABASE_URL = "pglite:./.data/pglite";

export type PoolSettings = {
  /** connections per process (PostgreSQL only; PGlite is always one session) */
  max?: number;
  /** how long a query waits for a connection: a free one in the pool, or a new one to the server */
  connectTimeoutMs?: number;
  /** the server cancels a statement that runs longer, so no request waits on one for ever */
  statementTimeoutMs?: number;
  onPoolError?: (error: Error) => void;
};

export function isEmbeddedUrl(url: string): boolean {
  return url.startsWith("pglite:");
}

/** The data folder of a `pglite:` URL, or undefined for an in-memory database. */
export function pgliteDataDir(url: string): string | undefined {
  const rest = url.slice("pglite:".length).replace(/^\/\//, "");
  if (rest === "" || rest === "memory") return undefined;
  return path.resolve(/*turbopackIgnore: true*/ rest);
}

// ---- Workaround 1: adapter-pg cannot read `name` and `"char"` columns --------
// fieldToColumnType() throws "Column type 'name' could not be deserialized"
// for oid 19 (name) and oid 18 ("char"), which the schema engine's catalog
// queries return (prisma/prisma#27403). Both use the text wire format, so we
// relabel them as text (25) under pg, remember which were "char", and give
// those back to Prisma as Character, which it expects for pg_constraint.contype.
const charColumnsOf = new WeakMap<object, number[]>();

type PgResultLike = { fields?: { dataTypeID: number }[]; rows?: unknown };

function relabelColumns<T>(result: T): T {
  const r = result as PgResultLike | undefined;
  if (!r || !Array.isArray(r.fields)) return result;
  const chars: number[] = [];
  r.fields.forEach((field, index) => {
    if (field.dataTypeID === 19) field.dataTypeID = 25;
    else if (field.dataTypeID === 18) {
      field.dataTypeID = 25;
      chars.push(index);
    }
  });
  if (chars.length > 0 && typeof r.rows === "object" && r.rows !== null) charColumnsOf.set(r.rows, chars);
  return result;
}

type Queryable = { query: (...args: unknown[]) => unknown };

function relabelQueryResults(target: Queryable): void {
  const query = target.query.bind(target);
  target.query = (...args: unknown[]) => {
    const result = query(...args);
    return result instanceof Promise ? result.then(relabelColumns) : result;
  };
}

class RelabellingPool extends pg.Pool {
  constructor(config: pg.PoolConfig) {
    super(config);
    relabelQueryResults(this as unknown as Queryable);
    this.on("connect", (client) => relabelQueryResults(client as unknown as Queryable));
  }
}

function restoreCharColumns<Q extends SqlQueryable>(queryable: Q): Q {
  const queryRaw = queryable.queryRaw.bind(queryable);
  queryable.queryRaw = async (query) => {
    const result = await queryRaw(query);
    for (const index of charColumnsOf.get(result.rows) ?? []) result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };
  return queryable;
}

async function connectAdapter(factory: PrismaPg, onDispose: () => Promise<void> = async () => {}): Promise<SqlDriverAdapter> {
  const adapter = restoreCharColumns(await factory.connect());
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args) => restoreCharColumns(await startTransaction(...args));
  const dispose = adapter.dispose.bind(adapter);
  adapter.dispose = async () => {
    await dispose();
    await onDispose();
  };
  return adapter;
}

// ---- PostgreSQL server ---------------------------------------------------------
// Workaround 2: PrismaPg.connectToShadowDb() creates a shadow database and then
// connects with {...config, database}; pg lets a connectionString win over
// `database`, so the "shadow" would be the main database and migrations would
// be replayed into it. We pass discrete fields and manage the shadow ourselves.
export function pgPoolConfig(url: string, settings: PoolSettings = {}): pg.PoolConfig {
  const u = new URL(url);
  const sslmode = u.searchParams.get("sslmode") ?? "";
  return {
    host: decodeURIComponent(u.hostname) || u.searchParams.get("host") || undefined,
    port: u.port ? Number(u.port) : undefined,
    user: decodeURIComponent(u.username) || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: decodeURIComponent(u.pathname.slice(1)) || undefined,
    ssl: ["require", "verify-ca", "verify-full"].includes(sslmode) ? { rejectUnauthorized: sslmode !== "require" } : undefined,
    max: settings.max,
    connectionTimeoutMillis: settings.connectTimeoutMs,
    statement_timeout: settings.statementTimeoutMs,
    // one-shot processes (the prisma CLI, scripts) exit instead of idling 10 s
    allowExitOnIdle: true,
  };
}

class PostgresServerFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres" as const;
  readonly adapterName = "@prisma/adapter-pg";

  constructor(
    private readonly config: pg.PoolConfig,
    private readonly onPoolError: (error: Error) => void,
  ) {}

  connect(): Promise<SqlDriverAdapter> {
    return this.connectTo(this.config);
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const main = await this.connect();
    const database = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
    await main.executeScript(`CREATE DATABASE "${database}"`);
    return this.connectTo({ ...this.config, database }, async () => {
      await main.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
      await main.dispose();
    });
  }

  private connectTo(config: pg.PoolConfig, onDispose?: () => Promise<void>) {
    const pool = new RelabellingPool(config);
    // an idle client's error with no listener would crash the process
    pool.on("error", this.onPoolError);
    return connectAdapter(new PrismaPg(pool, { disposeExternalPool: true, onPoolError: this.onPoolError }), onDispose);
  }
}

// ---- PGlite --------------------------------------------------------------------
// Workaround 5a: PGlite has no cross-process lock, and two processes on one
// folder silently lose writes. A pid file beside the folder refuses a second one.
/** Takes the folder's lock and returns its release; the lock also goes when the process exits. */
export function lockDataDir(dataDir: string): () => void {
  const lockFile = `${dataDir}.lock`;
  const release = () => {
    process.off("exit", release);
    // only our own lock: another process may have taken the folder since
    if (fs.existsSync(lockFile) && Number(fs.readFileSync(lockFile, "utf8")) === process.pid) fs.rmSync(lockFile, { force: true });
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockFile, String(process.pid), { flag: "wx" });
      process.once("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(fs.readFileSync(lockFile, "utf8"));
      if (owner === process.pid) return () => {}; // held by an open handle of this process
      if (isAlive(owner)) {
        const message =
          `The embedded database in ${dataDir} is in use by process ${owner}. ` +
          "It serves one process at a time: stop that process, or use PostgreSQL (DATABASE_URL=postgresql://…).";
        console.error(message); // the prisma CLI would only print "External error id#0"
        throw new Error(message);
      }
      fs.rmSync(lockFile, { force: true }); // left by a process that died
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

/** Opens PGlite on a folder (locked until `unlock`) or in memory. */
export function openPGlite(dataDir: string | undefined): { pglite: PGlite; unlock: () => void } {
  let unlock = () => {};
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  // One options object: `new PGlite(undefined, options)` ignores the options.
  const pglite = new PGlite({
    dataDir,
    // Workaround 4: after an unclean exit PGlite runs crash recovery and arms
    // PostgreSQL's startup-progress timer, which single-user mode never
    // disarms, so the process could never exit.
    startParams: [...PGlite.defaultStartParams, "-c", "log_startup_progress_interval=0"],
  });
  return { pglite, unlock };
}

type PGliteHandle = { pool: pg.Pool; users: number; release: () => Promise<void> };

// Workaround 5b: one PGlite per folder per process (lib/remember.ts says why).
const handles = remember("pglite-handles", () => new Map<string, PGliteHandle>());

function acquirePGlite(dataDir: string | undefined): PGliteHandle {
  const key = dataDir ?? `memory:${randomUUID()}`; // each in-memory database is private
  let handle = handles.get(key);
  if (!handle) {
    const { pglite, unlock } = openPGlite(dataDir);
    const config = createPgConfig(pglite);
    // Workaround 3: adapter-pg passes `types: { getTypeParser }` with each
    // query, which pg forwards to Parse as the parameter-type list. A real
    // server ignores a non-array there; PGlite's shim calls .forEach and crashes.
    const connection = config.connection as unknown as { parse: (query: { types?: unknown }) => void };
    const parse = connection.parse.bind(connection);
    connection.parse = (query) => parse(Array.isArray(query.types) ? query : { ...query, types: undefined });
    // PGlite is one session: a pool of one makes transactions exclusive.
    const pool = new RelabellingPool({ ...(config as unknown as pg.PoolConfig), max: 1, allowExitOnIdle: true });
    const created: PGliteHandle = {
      pool,
      users: 0,
      release: async () => {
        if (--created.users > 0) return;
        handles.delete(key);
        await pool.end();
        if (!pglite.closed) await pglite.close();
        unlock();
      },
    };
    handles.set(key, created);
    handle = created;
  }
  handle.users++;
  return handle;
}

class PGliteFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres" as const;
  readonly adapterName = "@prisma/adapter-pg (pglite)";

  constructor(private readonly dataDir: string | undefined) {}

  connect(): Promise<SqlDriverAdapter> {
    return this.open(this.dataDir);
  }

  connectToShadowDb(): Promise<SqlDriverAdapter> {
    return this.open(undefined); // a throw-away in-memory database
  }

  private open(dataDir: string | undefined) {
    const handle = acquirePGlite(dataDir);
    // the handle owns the pool, so PrismaPg must not end it
    return connectAdapter(new PrismaPg(handle.pool), handle.release);
  }
}

export function makeAdapterFactory(url: string, settings: PoolSettings = {}): SqlMigrationAwareDriverAdapterFactory {
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    const onPoolError = settings.onPoolError ?? ((error: Error) => console.error(`database pool: ${error.message}`));
    return new PostgresServerFactory(pgPoolConfig(url, settings), onPoolError);
  }
  if (isEmbeddedUrl(url)) return new PGliteFactory(pgliteDataDir(url));
  throw new Error(`DATABASE_URL must start with postgresql:// or pglite: (got "${url.split(":")[0]}:")`);
}
