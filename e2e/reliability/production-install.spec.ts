// A deployment installs runtime packages only (`npm ci --omit=dev`): the
// repository's files and the build's output, copied to a folder of their own,
// must then migrate a database, start with `npm start` and serve a sign-in,
// with no TypeScript loader, compiler or test tool on the disk.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Browser } from "@playwright/test";
import { createEmptyDatabase, DB_KINDS, type DbKind } from "../../test/databases";
import { SmtpSink } from "../../test/smtp-sink";
import { newAccount, signIn } from "../support/accounts";
import { appEnv, sharedSecrets } from "../support/app-env";
import { freePort, startAppServer, type AppServer } from "../support/app-server";
import { seedVerifiedAccounts } from "../support/seed-accounts";

// No TypeScript loader, compiler or test runner. (npm still installs typescript and
// @playwright/test there, as optional peers of @prisma/client and next.)
const DEVELOPMENT_PACKAGES = ["tsx", "esbuild", "vitest", "eslint"];

/** What a deployment ships: the tracked files of this checkout and the build, without the build's cache. */
function copyDeployment(to: string): void {
  const tracked = execFileSync("git", ["ls-files", "-z"], { encoding: "utf8" }).split("\0").filter(Boolean);
  for (const file of tracked) if (fs.existsSync(file)) fs.cpSync(file, path.join(to, file), { recursive: true });
  fs.cpSync(".next", path.join(to, ".next"), { recursive: true, filter: (source) => !source.startsWith(path.join(".next", "cache")) });
}

function npm(cwd: string, args: string[], env: Record<string, string> = {}): void {
  execFileSync("npm", args, { cwd, env: { ...process.env, ...env }, stdio: "pipe", timeout: 180_000 });
}

/** Migrates a new database of this kind the way a deployment does, writes one account, and serves it with `npm start`. */
async function serveFrom(deployment: string, kind: DbKind, browser: Browser, sink: SmtpSink): Promise<void> {
  const database = await createEmptyDatabase(kind);
  let server: AppServer | undefined;
  try {
    // PostgreSQL is migrated on purpose, once per deployment; the embedded database by `npm start`'s
    // first step, run alone here so that the account can be written before the server holds the folder
    npm(deployment, ["run", kind === "postgres" ? "db:migrate" : "prestart"], { DATABASE_URL: database.url });
    const account = newAccount(`deployed-${kind}`);
    const secrets = sharedSecrets();
    await seedVerifiedAccounts(database.url, [account], secrets.PASSWORD_PEPPER);
    const port = await freePort();
    const baseURL = `http://127.0.0.1:${port}`;
    const env = appEnv({ baseURL, databaseUrl: database.url, mode: "production", smtpUrl: sink.url, secrets });
    server = await startAppServer({ mode: "production", port, env, cwd: deployment, npmStart: true });

    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    expect((await page.goto("/"))?.status()).toBe(200);
    await signIn(page, account);
    await expect(page).toHaveURL(/\/profile$/);
    await expect(page.getByText(account.email)).toBeVisible();
    await context.close();
  } finally {
    await server?.stop();
    await database.drop();
  }
}

test("a production install (npm ci --omit=dev) migrates either database, starts with npm start and serves a sign-in", async ({ browser }, testInfo) => {
  test.skip(testInfo.project.name !== "postgres", "one install serves both databases");
  test.setTimeout(300_000);
  const deployment = fs.mkdtempSync(path.join(os.tmpdir(), "deployment-"));
  const sink = await SmtpSink.start();
  try {
    copyDeployment(deployment);
    npm(deployment, ["ci", "--omit=dev", "--prefer-offline", "--no-audit", "--no-fund"]);
    for (const name of DEVELOPMENT_PACKAGES) expect(fs.existsSync(path.join(deployment, "node_modules", name)), name).toBe(false);
    for (const kind of DB_KINDS) await test.step(kind, () => serveFrom(deployment, kind, browser, sink));
  } finally {
    await sink.stop();
    fs.rmSync(deployment, { recursive: true, force: true });
  }
});
