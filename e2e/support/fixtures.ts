// Each Playwright worker gets its own app on a private database and SMTP sink.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test as base, expect } from "@playwright/test";
import { createDbClient, type DbClient } from "../../lib/db";
import { createTestDatabase, type DbKind, type TestDatabase } from "../../test/databases";
import { SmtpSink } from "../../test/smtp-sink";
import { appEnv } from "./app-env";
import { freePort, startAppServer, type AppServer, type ServerMode } from "./app-server";

export type AppOptions = { dbKind: DbKind; server: ServerMode };

export type App = {
  baseURL: string;
  kind: DbKind;
  sink: SmtpSink;
  server: AppServer;
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
      const env = appEnv({ baseURL, databaseUrl: database.url, mode, smtpUrl: sink.url, mailboxDir });
      const server = await startAppServer({ mode, port, env }).catch(async (error: unknown) => {
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
      await use({ baseURL, kind: dbKind, sink, server, env, mailboxDir, withDb });
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

export { expect };
