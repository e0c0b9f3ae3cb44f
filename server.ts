// The production server: Next.js behind Node's own HTTP server, so that the
// app learns the real client address from the socket (Next.js alone passes a
// client's X-Forwarded-For and X-Forwarded-Host through as if they were true),
// and so that SIGTERM lets requests in flight finish before the process exits.
// `npm start` runs it; PORT (3000) and HOST (all interfaces) choose where it listens.
import http from "node:http";

/** Longer than any request should take; a load balancer's drain is usually 10-30 s. */
const DRAIN_MS = 10_000;

async function main() {
  // as `next start` does; set before Next.js and React load, since they choose their builds by it
  Object.assign(process.env, { NODE_ENV: "production" });
  const [{ default: next }, { env, EnvError }, { settleClientHeaders }, { log }] = await Promise.all([
    import("next"),
    import("./lib/env"),
    import("./lib/http/client-address"),
    import("./lib/log"),
  ]);
  let trusted;
  try {
    trusted = env().trustedProxies;
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  const port = Number(process.env.PORT ?? 3000);
  const hostname = process.env.HOST || undefined;
  const app = next({ dev: false, port, hostname });
  const handle = app.getRequestHandler();
  await app.prepare();

  const server = http.createServer((request, response) => {
    settleClientHeaders(request, trusted);
    void handle(request, response);
  });
  server.listen(port, hostname, () => log("info", "server_listening", { port, hostname: hostname ?? "*" }));

  const shutdown = (signal: string) => {
    log("info", "server_stopping", { signal });
    const forced = setTimeout(() => process.exit(1), DRAIN_MS).unref();
    server.close(() => {
      clearTimeout(forced);
      void app.close().finally(() => process.exit(0));
    });
    server.closeIdleConnections();
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

void main();
