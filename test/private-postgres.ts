// A throw-away PostgreSQL server of a test's own, for tests that stop and
// start the database: the shared server on :5432 serves every other test
// running meanwhile and must never be restarted. initdb and pg_ctl run as the
// `postgres` user (PostgreSQL refuses to run as root) on a temporary folder,
// listening on a free port with its socket in that folder.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "../e2e/support/app-server";
import { migrate } from "./databases";

const run = promisify(execFile);

export type PrivatePostgres = {
  /** a migrated, empty database on this server */
  url: string;
  /** a fast shutdown: connections are cut, as when the server restarts */
  stop: () => Promise<void>;
  start: () => Promise<void>;
  /** stops the server and deletes its folder; safe to call in any state */
  destroy: () => Promise<void>;
};

function binaries(): string {
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((version) => path.join(root, version, "bin")).find((bin) => fs.existsSync(path.join(bin, "pg_ctl")));
  if (!found) throw new Error(`no PostgreSQL binaries under ${root}`);
  return found;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binaries();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "private-pg-"));
  const dataDir = path.join(dir, "data");
  const port = await freePort();
  const asPostgres = (tool: string, args: string[]) => run("runuser", ["-u", "postgres", "--", path.join(bin, tool), ...args]);
  const pgCtl = (...args: string[]) => asPostgres("pg_ctl", ["-D", dataDir, ...args]);

  let running = false;
  const start = async () => {
    await pgCtl("-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, "-l", path.join(dir, "server.log"), "-w", "start");
    running = true;
  };
  const stop = async () => {
    await pgCtl("-m", "fast", "-w", "stop");
    running = false;
  };
  const destroy = async () => {
    if (running) await stop().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    await run("chown", ["postgres", dir]);
    await asPostgres("initdb", ["-D", dataDir, "-U", "postgres", "--auth=trust", "--no-sync"]);
    await start();
    await asPostgres("createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "app"]);
    const url = `postgresql://postgres@127.0.0.1:${port}/app`;
    await migrate(url);
    return { url, stop, start, destroy };
  } catch (error) {
    await destroy();
    throw error;
  }
}
