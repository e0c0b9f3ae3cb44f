// The system under test, for the bench and the load test: the production
// build (`npm start`) on loopback, a private PostgreSQL database migrated with
// the committed migrations, and an in-process SMTP sink. Each piece registers
// its own undoing.
import fs from "node:fs";
import { LOOPBACK_CLIENT_LIMITS } from "../../e2e/support/app-env";
import { freePort, startAppServer } from "../../e2e/support/app-server";
import { createEmptyDatabase, migrate, POSTGRES_ADMIN_URL } from "../../test/databases";
import { SmtpSink } from "../../test/smtp-sink";
import { CannotRun, type Cleanup } from "./cleanup";
import type { AppSettings } from "./config";

export type BenchServer = { baseURL: string; sink: SmtpSink; logs: () => string; processGroup: () => number | undefined };

export function requireProductionBuild(): void {
  if (!fs.existsSync(".next/BUILD_ID")) {
    throw new CannotRun("There is no production build in .next: run npm run build first.");
  }
}

/**
 * A fresh database with the committed migrations applied. The tests copy a
 * migrated template because they need many databases; one run needs one, so
 * it is migrated directly (the same two steps the template gets).
 */
export async function createBenchDatabase(cleanup: Cleanup): Promise<string> {
  const creating = createEmptyDatabase("postgres");
  // registered before it exists: Ctrl-C during creation still drops it once it does
  cleanup.add("drop the bench database", async () => (await creating.catch(() => undefined))?.drop());
  const database = await creating.catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CannotRun(`Cannot create a database on ${POSTGRES_ADMIN_URL} (${reason}). Is PostgreSQL running?`);
  });
  await migrate(database.url);
  return database.url;
}

export async function startBenchServer(config: AppSettings, databaseUrl: string, cleanup: Cleanup): Promise<BenchServer> {
  const sink = await SmtpSink.start();
  cleanup.add("stop the SMTP sink", () => sink.stop());
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const starting = startAppServer({
    mode: "production",
    port,
    env: {
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: config.authSecret,
      PASSWORD_PEPPER: config.passwordPepper,
      AUTH_URL: baseURL,
      SMTP_URL: sink.url,
      EMAIL_FROM: "Bench <no-reply@bench.test>",
      BCRYPT_COST: String(config.bcryptCost),
      ...LOOPBACK_CLIENT_LIMITS,
    },
  });
  // registered before it answers: Ctrl-C during start-up still stops it once it is up
  cleanup.add("stop the app server", async () => {
    await (await starting.catch(() => undefined))?.stop();
  });
  const server = await starting;
  return { baseURL, sink, logs: server.logs, processGroup: server.processGroup };
}
