// The production server: Next.js behind Node's own HTTP server, so that the
// app learns the real client address from the socket (Next.js alone passes a
// client's X-Forwarded-For and X-Forwarded-Host through as if they were true),
// and so that SIGTERM lets requests in flight (and the mail worker's batch)
// finish before the process exits, while readiness already says "draining".
// `npm run build` compiles it (scripts/build-server.ts) and `npm start` runs
// the result; PORT (3000) and HOST (all interfaces) choose where it listens.
// The framework fences it applies (1-5 and 14) are listed in lib/fences.ts.
import http from "node:http";

/** Longer than any request should take; a load balancer's drain is usually 10-30 s. */
const DRAIN_MS = 10_000;

async function main() {
  // as `next start` does; set before Next.js and React load, since they choose their builds by it
  Object.assign(process.env, { NODE_ENV: "production" });
  // fence 5, before Next.js loads, so that its own listeners stand aside (lib/process-faults.ts);
  // until the server listens there is nothing to drain
  let stopAfterFault: () => void = () => process.exit(1);
  const { handleProcessFaults, keepOnlyOurListeners } = await import("./lib/process-faults");
  handleProcessFaults(() => stopAfterFault());
  const [
    { default: next },
    { envOrExit },
    { settleClientHeaders },
    { isDecodablePath },
    { seeOtherAfterFormPost },
    { clearSiteDataOnSignOut },
    { log },
    { isDraining, runShutdownHooks, startDraining },
    { signalWhenClientLeaves, withClientSignal },
    { isServedMethod, SERVED_METHODS },
  ] = await Promise.all([
    import("next"),
    import("./lib/env"),
    import("./lib/http/client-address"),
    import("./lib/http/request-target"),
    import("./lib/http/see-other"),
    import("./lib/http/clear-site-data"),
    import("./lib/log"),
    import("./lib/shutdown"),
    import("./lib/http/client-signal"),
    import("./lib/http/served-methods"),
  ]);
  const trusted = envOrExit().trustedProxies;
  const port = Number(process.env.PORT ?? 3000);
  const hostname = process.env.HOST || undefined;
  const app = next({ dev: false, port, hostname });
  const handle = app.getRequestHandler();
  await app.prepare();
  keepOnlyOurListeners(); // fence 5

  const unanswered = new Set<http.ServerResponse>();
  const server = http.createServer((request, response) => {
    // fence 1: the Fetch API that Next.js builds each request with throws on TRACE, CONNECT and TRACK
    if (!isServedMethod(request.method)) {
      response.writeHead(405, { Allow: [...SERVED_METHODS].join(", "), "Content-Type": "text/plain; charset=utf-8" }).end("Method not allowed.");
      return;
    }
    // fence 2: Next.js answers a path that does not decode with a 500
    if (!isDecodablePath(request.url ?? "/")) {
      response.writeHead(400, { "Content-Type": "text/plain; charset=utf-8" }).end("Bad request: the address is not valid.");
      return;
    }
    settleClientHeaders(request, trusted); // fence 3
    seeOtherAfterFormPost(request, response); // fence 4
    clearSiteDataOnSignOut(response);
    // once draining, every answer ends its connection: the client opens its next one elsewhere
    if (isDraining()) response.setHeader("Connection", "close");
    unanswered.add(response);
    response.on("finish", () => unanswered.delete(response)).on("close", () => unanswered.delete(response));
    // fence 14: queued work (an avatar's image) is dropped if its client leaves first
    void withClientSignal(signalWhenClientLeaves(response), () => handle(request, response));
  });
  server.listen(port, hostname, () => log("info", "server_listening", { port, hostname: hostname ?? "*" }));

  const shutdown = (signal: string, exitCode: number) => {
    log("info", "server_stopping", { signal });
    startDraining();
    const forced = setTimeout(() => {
      log("error", "server_stop_forced", { afterMs: DRAIN_MS });
      process.exit(1);
    }, DRAIN_MS).unref();
    // the mail worker finishes its batch while requests in flight finish theirs
    const hooks = runShutdownHooks();
    // Connections are never cut under a request. Those idle now are closed by close(); a request
    // in flight keeps its connection until its answer, which says "Connection: close" unless it
    // was already streaming, in which case a short keep-alive ends the connection soon after.
    for (const response of unanswered) if (!response.headersSent) response.setHeader("Connection", "close");
    server.keepAliveTimeout = 500;
    server.close(() => {
      void hooks
        .then(() => app.close())
        .finally(() => {
          clearTimeout(forced);
          log("info", "server_stopped", { signal });
          process.exit(exitCode);
        });
    });
  };
  // a signal can arrive twice (from a process group and from a wrapper such as npm relaying it):
  // the second must not fall through to Node's default, which would kill the process mid-drain
  let stopping = false;
  const onSignal = (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    shutdown(signal, exitCode);
  };
  process.on("SIGTERM", () => onSignal("SIGTERM"));
  process.on("SIGINT", () => onSignal("SIGINT"));
  // the state an uncaught exception left is unknown: drain, then exit 1 for the supervisor to restart
  stopAfterFault = () => onSignal("uncaughtException", 1);
}

void main();
