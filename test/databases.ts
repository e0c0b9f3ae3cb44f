// Fresh, migrated databases for tests, of both kinds the app supports. The
// committed migrations are applied once per test run to a template with the
// real `prisma migrate deploy`; each test then gets a private copy of it
// (PGlite: a copied folder; PostgreSQL: CREATE DATABASE … TEMPLATE), so runs
// never see each other's data.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";

export type DbKind = "pglite" | "postgres";
export const DB_KINDS: readonly DbKind[] = ["pglite", "postgres"];

export type TestDatabase = { kind: DbKind; url: string; drop: () => Promise<void> };

/** The local server; CI and every workstation here have one (trust auth). */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

const TEMPLATE_ENV: Record<DbKind, string> = { pglite: "TEST_PGLITE_TEMPLATE", postgres: "TEST_POSTGRES_TEMPLATE" };
const run = promisify(execFile);

function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
}

function postgresUrl(database: string): string {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Runs the real migration command against a database URL. */
export async function migrate(url: string): Promise<void> {
  await run("npx", ["prisma", "migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url } });
}

/** An empty database with no tables (what a new deployment starts from). */
export async function createEmptyDatabase(kind: DbKind): Promise<TestDatabase> {
  if (kind === "pglite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pglite-test-"));
    return { kind, url: `pglite:${dir}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const name = uniqueName("test");
  await admin((client) => client.query(`CREATE DATABASE "${name}"`));
  return { kind, url: postgresUrl(name), drop: () => dropPostgres(name) };
}

async function dropPostgres(name: string): Promise<void> {
  await admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** Migrates one template of each kind; call once per test run (global setup). Returns the teardown. */
export async function prepareTemplates(): Promise<() => Promise<void>> {
  const templates = await Promise.all(
    DB_KINDS.map(async (kind) => {
      const database = await createEmptyDatabase(kind);
      await migrate(database.url);
      process.env[TEMPLATE_ENV[kind]] = kind === "pglite" ? database.url.slice("pglite:".length) : new URL(database.url).pathname.slice(1);
      return database;
    }),
  );
  return async () => {
    await Promise.all(templates.map((template) => template.drop()));
  };
}

/** A private, migrated database copied from the run's template. */
export async function createTestDatabase(kind: DbKind): Promise<TestDatabase> {
  const template = process.env[TEMPLATE_ENV[kind]];
  if (!template) throw new Error(`${TEMPLATE_ENV[kind]} is not set: prepareTemplates() must run first (global setup)`);
  if (kind === "pglite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pglite-test-"));
    fs.cpSync(template, dir, { recursive: true });
    return { kind, url: `pglite:${dir}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const name = uniqueName("test");
  await admin((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return { kind, url: postgresUrl(name), drop: () => dropPostgres(name) };
}
