// Operations (README.md, "Production"): a load balancer asks /api/health (is
// the process alive?) and /api/ready (can it serve: database reachable, not
// shutting down). On SIGTERM the server finishes the requests it has, stops the
// mail worker cleanly and exits 0 well within 12 s.
import { request as httpClient } from "@playwright/test";
import { authCsrf, registerVerifiedAccount, signInThroughAuthRoute } from "../support/accounts";
import { expect, test } from "../support/fixtures";
import { startInstances } from "../support/instances";

const UNREACHABLE_DB = "postgresql://postgres@127.0.0.1:1/nowhere?connect_timeout=2";

test("Operations: /api/health and /api/ready answer 200 while all is well, and are never cached", async ({ request }) => {
  for (const [path, status] of [
    ["/api/health", "ok"],
    ["/api/ready", "ready"],
  ] as const) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    expect(await response.json(), path).toEqual({ status });
    expect(response.headers()["cache-control"], path).toContain("no-store");
  }
});

test.describe("Operations with a server of their own", () => {
  test.skip(({ dbKind }) => dbKind !== "postgres", "these start extra instances on the database server");

  test("Operations: without a database the process is healthy but not ready, and says no more", async () => {
    test.setTimeout(120_000);
    const instances = await startInstances(1, { DATABASE_URL: UNREACHABLE_DB });
    const client = await httpClient.newContext({ baseURL: instances.servers[0]?.baseURL });
    try {
      expect((await client.get("/api/health")).status()).toBe(200);
      const started = Date.now();
      const ready = await client.get("/api/ready");
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(ready.status()).toBe(503);
      expect(await ready.json()).toEqual({ status: "unavailable" });
    } finally {
      await client.dispose();
      await instances.stop();
    }
  });

  test("Operations: on SIGTERM requests in flight finish, the mail worker stops, and the process exits 0 within 12 s", async ({ browser }) => {
    test.setTimeout(120_000);
    // at the app's own bcrypt cost, six sign-ins keep the two hashing threads busy for a good second;
    // each holds one of the address's throttle slots until its password proves right, so the
    // address gets more than six here
    const instances = await startInstances(1, { BCRYPT_COST: "12", SIGNIN_FREE_FAILURES: "10" });
    const [server] = instances.servers;
    if (!server) throw new Error("no server");
    const client = await httpClient.newContext({ baseURL: server.baseURL });
    try {
      const page = await (await browser.newContext({ baseURL: server.baseURL })).newPage();
      const account = await registerVerifiedAccount(page, instances, "sigterm");
      await page.context().close();
      const logStart = server.logs().length;

      // one CSRF token for all, so that each sign-in is one request, surely sent before the signal
      const csrf = await authCsrf(client);
      // six sign-ins at once: their passwords wait for the two hashing threads
      const inFlight = Array.from({ length: 6 }, () => signInThroughAuthRoute(client, account, { maxRedirects: 0, csrf }));
      await expect.poll(() => server.logs().slice(logStart), { timeout: 10_000, intervals: [10] }).toContain('"sign_in"');
      const stopping = Date.now();
      const exit = await server.stop();
      const stoppedAfterMs = Date.now() - stopping;

      for (const response of await Promise.all(inFlight)) {
        expect(response.status()).toBe(302);
        expect(response.headers().location).not.toContain("error=");
        // answered, and told not to send the next request on this connection
        expect(response.headers().connection).toBe("close");
      }
      expect(exit).toEqual({ code: 0, signal: null });
      expect(stoppedAfterMs).toBeLessThan(12_000);
      const log = server.logs().slice(logStart);
      expect(log).toContain('"event":"server_stopping"');
      expect(log).toMatch(/"event":"shutdown_step_done","step":"mail worker"/);
      expect(log).toContain('"event":"server_stopped"');
      expect(log.match(/"event":"sign_in","outcome":"success"/g)).toHaveLength(6);
    } finally {
      await client.dispose();
      await instances.stop();
    }
  });
});
