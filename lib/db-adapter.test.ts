// One test per workaround in db-adapter.ts: each fails if its workaround is
// removed, and passes unchanged if an upgrade makes the workaround unnecessary
// (then the workaround can go).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { afterAll, describe, expect, it, vi } from "vitest";
import { POSTGRES_ADMIN_URL } from "@/test/databases";
import { lockDataDir, makeAdapterFactory, openPGlite, pgliteDataDir, pgPoolConfig } from "./db-adapter";

const catalogQuery = {
  // `name` and `"char"` columns, as in the schema engine's catalog queries
  sql: `SELECT conname, contype FROM pg_constraint WHERE contype = 'p' LIMIT 1`,
  args: [],
  argTypes: [],
};

describe.each(["pglite:memory", POSTGRES_ADMIN_URL])("adapter on %s", (url) => {
  it('1: reads name and "char" columns, and gives "char" back as a character', async () => {
    const adapter = await makeAdapterFactory(url).connect();
    try {
      const result = await adapter.queryRaw(catalogQuery);
      expect(result.columnNames).toEqual(["conname", "contype"]);
      expect(result.rows[0]?.[1]).toBe("p");
      expect(result.columnTypes[1]).toBe(ColumnTypeEnum.Character);
    } finally {
      await adapter.dispose();
    }
  });

  it("3: runs parameterised queries (adapter-pg's types option)", async () => {
    const adapter = await makeAdapterFactory(url).connect();
    try {
      const result = await adapter.queryRaw({
        sql: "SELECT $1::int + 1 AS n",
        args: [41],
        argTypes: [{ scalarType: "int", arity: "scalar" }],
      });
      expect(result.rows[0]?.[0]).toBe(42);
    } finally {
      await adapter.dispose();
    }
  });
});

describe("2: the PostgreSQL shadow database", () => {
  it("is a separate database, dropped when disposed", async () => {
    const factory = makeAdapterFactory(POSTGRES_ADMIN_URL);
    const shadow = await factory.connectToShadowDb();
    const nameQuery = { sql: "SELECT current_database()::text AS db", args: [], argTypes: [] };
    const shadowName = String((await shadow.queryRaw(nameQuery)).rows[0]?.[0]);
    expect(shadowName).toMatch(/^prisma_shadow_/);
    await shadow.dispose();

    const main = await factory.connect();
    try {
      const exists = await main.queryRaw({
        sql: "SELECT count(*)::int FROM pg_database WHERE datname = $1",
        args: [shadowName],
        argTypes: [{ scalarType: "string", arity: "scalar" }],
      });
      expect(exists.rows[0]?.[0]).toBe(0);
    } finally {
      await main.dispose();
    }
  });
});

describe("PGlite", () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pglite-adapter-"));
    dirs.push(dir);
    return path.join(dir, "data");
  };
  afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it("4: starts with the startup-progress timer switched off", async () => {
    const { pglite } = openPGlite(undefined);
    const result = await pglite.query<{ log_startup_progress_interval: string }>("SHOW log_startup_progress_interval");
    expect(result.rows[0]?.log_startup_progress_interval).toBe("0");
    await pglite.close();
  });

  it("5a: refuses a data folder that another live process holds", async () => {
    const dataDir = tempDir();
    const other = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    try {
      fs.writeFileSync(`${dataDir}.lock`, String(other.pid));
      expect(() => lockDataDir(dataDir)).toThrow(/in use by process/);
    } finally {
      other.kill();
    }
  });

  it("5a: releases the folder when the database closes, so another process may open it", async () => {
    const url = `pglite:${tempDir()}`;
    const dataDir = pgliteDataDir(url) ?? "";
    const adapter = await makeAdapterFactory(url).connect();
    expect(fs.readFileSync(`${dataDir}.lock`, "utf8")).toBe(String(process.pid));
    await adapter.dispose();
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it("5a: takes over a lock left by a process that died", async () => {
    const dataDir = tempDir();
    const dead = spawn(process.execPath, ["-e", ""]);
    await new Promise((resolve) => dead.on("exit", resolve));
    fs.writeFileSync(`${dataDir}.lock`, String(dead.pid));
    lockDataDir(dataDir);
    expect(fs.readFileSync(`${dataDir}.lock`, "utf8")).toBe(String(process.pid));
  });

  it("5b: two clients on one folder share one database in this process", async () => {
    const url = `pglite:${tempDir()}`;
    const first = await makeAdapterFactory(url).connect();
    const second = await makeAdapterFactory(url).connect();
    try {
      await first.executeScript("CREATE TABLE shared (n int); INSERT INTO shared VALUES (7)");
      const seen = await second.queryRaw({ sql: "SELECT n FROM shared", args: [], argTypes: [] });
      expect(seen.rows).toEqual([[7]]);
    } finally {
      await first.dispose();
      await second.dispose();
    }
  });
});

describe("database URLs", () => {
  it("maps pglite URLs to folders, or to memory", () => {
    expect(pgliteDataDir("pglite:memory")).toBeUndefined();
    expect(pgliteDataDir("pglite:./.data/x")).toBe(path.resolve(".data/x"));
    expect(pgliteDataDir("pglite:///tmp/db")).toBe("/tmp/db");
  });

  it("rejects other schemes with a message naming them", () => {
    expect(() => makeAdapterFactory("mysql://x")).toThrow(/got "mysql:"/);
  });
});

describe("the PostgreSQL pool's settings", () => {
  const sql = (text: string) => ({ sql: text, args: [], argTypes: [] });

  it("passes the pool size and both timeouts to pg", () => {
    const config = pgPoolConfig(POSTGRES_ADMIN_URL, { max: 3, connectTimeoutMs: 1234, statementTimeoutMs: 250 });
    expect(config).toMatchObject({ max: 3, connectionTimeoutMillis: 1234, statement_timeout: 250 });
  });

  it("has the server cancel a statement that outlasts the statement timeout", async () => {
    const adapter = await makeAdapterFactory(POSTGRES_ADMIN_URL, { statementTimeoutMs: 250 }).connect();
    try {
      expect((await adapter.queryRaw(sql("SHOW statement_timeout"))).rows[0]?.[0]).toBe("250ms");
      const started = Date.now();
      await expect(adapter.queryRaw(sql("SELECT pg_sleep(3)"))).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      await adapter.dispose();
    }
  });

  it("reports an idle connection the server ended, and carries on with a new one", async () => {
    const onPoolError = vi.fn();
    const adapter = await makeAdapterFactory(POSTGRES_ADMIN_URL, { onPoolError }).connect();
    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    try {
      const pid = (await adapter.queryRaw(sql("SELECT pg_backend_pid()::int AS pid"))).rows[0]?.[0];
      // what a database restart does to every connection (without a listener, the process would crash)
      await admin.query("SELECT pg_terminate_backend($1)", [pid]);
      await vi.waitFor(() => expect(onPoolError).toHaveBeenCalled());
      expect((await adapter.queryRaw(sql("SELECT 1::int AS one"))).rows[0]?.[0]).toBe(1);
    } finally {
      await admin.end();
      await adapter.dispose();
    }
  });
});
