// Each Playwright worker gets its own app on a private database and SMTP sink.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test as base, expect } from "@playwright/test";
import { createDbClient, type DbClient } from "../../lib/db";
import { createTestDatabase, type DbKind, type TestDatabase } from "../../test/databases";
import { SmtpSink } from "../../test/smtp-sink";
import { newAccount } from "./accounts";
import { appEnv, sharedSecrets } from "./app-env";
import { freePort, startAppServer, type AppServer, type ServerMode } from "./app-server";
import { accountPool, seedVerifiedAccounts, type AccountPool } from "./seed-accounts";

/** Confirmed accounts seeded into each worker's database: more than one worker's specs take. */
const SEEDED_ACCOUNTS = 200;

export type AppOptions = { dbKind: DbKind; server: ServerMode };

export type App = {
  baseURL: string;
  kind: DbKind;
  sink: SmtpSink;
  server: AppServer;
  /** confirmed accounts seeded before the app started (createVerifiedAccount takes one) */
  accounts: AccountPool;
  /** the settings the app runs with (its secrets too, for tests that must decode what it issues) */
  env: Readonly<Record<string, string>>;
  /** the local mailbox folder (development server only) */
  mailboxDir: string;
  /**
   * Direct database access for setup and assertions. The embedded database
   * has one owner, so the app is stopped meanwhile and started again after.
   */
  withDb: <T>(work: (db: DbClient) => Promise<T>) => Promise<T>;
};

export const test = base.extend<{ attachServerLog: void }, AppOptions & { app: App }>({
  dbKind: ["pglite", { option: true, scope: "worker" }],
  server: ["production", { option: true, scope: "worker" }],
  app: [
    async ({ dbKind, server: mode }, use) => {
      const [sink, database, port] = await Promise.all([SmtpSink.start(), createTestDatabase(dbKind), freePort()]);
      const mailboxDir = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-mailbox-"));
      const baseURL = `http://127.0.0.1:${port}`;
      const secrets = sharedSecrets();
      const env = appEnv({ baseURL, databaseUrl: database.url, mode, smtpUrl: sink.url, mailboxDir, secrets });
      const seeded = Array.from({ length: SEEDED_ACCOUNTS }, () => newAccount("seeded"));
      const server = await seedVerifiedAccounts(database.url, seeded, secrets.PASSWORD_PEPPER)
        .then(() => startAppServer({ mode, port, env }))
        .catch(async (error: unknown) => {
          await cleanUp(sink, database, mailboxDir);
          throw error;
        });
      const withDb = async <T>(work: (db: DbClient) => Promise<T>): Promise<T> => {
        const embedded = dbKind === "pglite";
        if (embedded) await server.stop();
        const db = createDbClient(database.url);
        try {
          return await work(db);
        } finally {
          await db.$disconnect();
          if (embedded) await server.start();
        }
      };
      await use({ baseURL, kind: dbKind, sink, server, accounts: accountPool(seeded), env, mailboxDir, withDb });
      await server.stop();
      await cleanUp(sink, database, mailboxDir);
    },
    { scope: "worker", timeout: 240_000 },
  ],
  baseURL: async ({ app }, use) => use(app.baseURL),
  // a failed test carries what the server printed while it ran
  attachServerLog: [
    async ({ app }, use, testInfo) => {
      const start = app.server.logs().length;
      await use();
      if (testInfo.status !== testInfo.expectedStatus) {
        const file = testInfo.outputPath("server.log");
        fs.writeFileSync(file, app.server.logs().slice(start));
        await testInfo.attach("server log", { path: file, contentType: "text/plain" });
      }
    },
    { auto: true },
  ],
});

async function cleanUp(sink: SmtpSink, database: TestDatabase, mailboxDir: string) {
  await Promise.all([sink.stop(), database.drop()]);
  fs.rmSync(mailboxDir, { recursive: true, force: true });
}

const FULL = process.env.E2E_FULL === "1";

/**
 * Declares which way a journey's variant runs: call it inside the describe
 * block of the variant, after `test.use({ javaScriptEnabled })` if any.
 * Whether scripts run is the browser's business and which database stores
 * the data is the server's, so `npm test` covers each pair once: PostgreSQL
 * (what production runs) with JavaScript, the embedded database without.
 * Every journey still runs on both databases and in both modes;
 * `npm run test:full` (E2E_FULL=1) runs all four.
 */
export function javaScriptVariant(javaScriptEnabled: boolean): void {
  test.skip(
    ({ dbKind }) => !FULL && (dbKind === "postgres") !== javaScriptEnabled,
    `${javaScriptEnabled ? "with" : "without"} JavaScript runs on the other database (E2E_FULL=1 runs both)`,
  );
}

export { expect };
