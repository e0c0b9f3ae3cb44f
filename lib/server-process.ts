// What every server process does at start: refuse to run on a bad
// configuration, then start the mail worker (and say how to stop it).
import { db } from "./db";
import { envOrExit } from "./env";
import { log } from "./log";
import { createMailTransport } from "./mail";
import { startMailWorker } from "./mail-worker";
import { onShutdown } from "./shutdown";

export function startServerProcess(): void {
  const config = envOrExit();
  if (config.mail.worker) {
    const worker = startMailWorker({
      db,
      transport: createMailTransport(config),
      from: config.emailFrom,
      appUrl: config.appUrl,
      ...config.mail,
      tokenTtlMs: { RESET_PASSWORD: config.resetTokenTtlMinutes * 60_000 },
    });
    // a message being sent finishes (and is marked sent) before the process exits
    onShutdown("mail worker", () => worker.stop());
  }
  log("info", "server_started", {
    database: config.databaseUrl.startsWith("pglite:") ? "embedded" : "postgresql",
    mail: config.smtpUrl ? "smtp" : "local mailbox",
  });
}
