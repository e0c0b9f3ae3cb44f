// Throttling that holds across instances [12-16, 38, 44, 46]: two production
// servers on one PostgreSQL database, requests alternating between them. The
// counters, the lockout and the sessions live in the database, so one limit
// and one sign-out hold for both. Both trust 127.0.0.1 as their proxy, so each
// request can name its client in X-Forwarded-For as a load balancer would.
import { request as httpClient, type APIRequestContext, type Page } from "@playwright/test";
import { createDbClient } from "../../lib/db";
import { authCsrf, sessionCookie, signIn, signInThroughAuthRoute } from "../support/accounts";
import { expect, test } from "../support/fixtures";
import { startInstances, type Instances } from "../support/instances";
import { uniqueEmail } from "../support/mail";
import { chooseNewPassword, NEW_PASSWORD, requestReset, resetLink } from "../support/reset";
import { signInQuickly } from "../support/settings";

const LOCKOUT_FAILURES = 10;
const IP_FAILURES_PER_MINUTE = 6;
const SETTINGS = {
  TRUSTED_PROXIES: "127.0.0.1",
  // no back-off before the lockout, so ten failures in a row reach it at once
  SIGNIN_FREE_FAILURES: "20",
  SIGNIN_LOCKOUT_FAILURES: String(LOCKOUT_FAILURES),
  SIGNIN_IP_FAILURES_PER_MINUTE: String(IP_FAILURES_PER_MINUTE),
};
const LOCKED = /Signing in with this address is locked after too many failed attempts/;

test.describe("two instances on one PostgreSQL database", () => {
  test.skip(({ dbKind }) => dbKind !== "postgres", "several instances need a database server; the embedded one has one owner");

  let instances: Instances;
  const clients: APIRequestContext[] = [];
  test.beforeAll(async ({ dbKind }) => {
    if (dbKind !== "postgres") return;
    test.setTimeout(120_000);
    instances = await startInstances(2, SETTINGS);
  });
  test.afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await instances?.stop();
  });

  /** A client of instance `n % 2`, arriving through the proxy from `ip`. */
  async function clientOf(n: number, ip: string) {
    const client = await httpClient.newContext({ baseURL: instances.servers[n % 2]?.baseURL, extraHTTPHeaders: { "x-forwarded-for": ip } });
    clients.push(client);
    return client;
  }

  const codeOf = (response: { headers(): Record<string, string> }) => new URL(response.headers().location ?? "", "http://x").searchParams.get("code");

  test("Throttling across instances: ten failures in a row, from ten addresses, lock the account until a reset", async ({ browser }) => {
    const [a, b] = instances.servers;
    const context = await browser.newContext({ baseURL: a?.baseURL });
    const page = await context.newPage();
    const account = await instances.createVerifiedAccount();
    for (let n = 0; n < LOCKOUT_FAILURES; n++) {
      const failed = await signInThroughAuthRoute(await clientOf(n, `198.51.100.${n + 1}`), { email: account.email, password: `guess ${n}` }, { maxRedirects: 0 });
      expect(codeOf(failed), `failure ${n + 1}`).toBe("credentials");
    }
    // the right password, on either instance, from a new address, no longer works
    const locked = await signInThroughAuthRoute(await clientOf(1, "198.51.100.99"), account, { maxRedirects: 0 });
    expect(codeOf(locked)).toBe("locked");
    await signIn(page, account);
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(LOCKED);

    // a reset asked for on one instance and completed on the other unlocks it
    await requestReset(page, account.email);
    const link = new URL(await resetLink(instances.sink, account.email));
    await page.goto(`${b?.baseURL}${link.pathname}${link.search}`);
    await chooseNewPassword(page);
    await expect(page).toHaveURL(/\/login\?reset=1$/);
    await page.goto(`${a?.baseURL}/login`);
    await signIn(page, { email: account.email, password: NEW_PASSWORD });
    await expect(page).toHaveURL(/\/profile$/);
    await context.close();
  });

  test("Throttling across instances: one client address gets six failures a minute in all, whatever the address", async () => {
    const ip = "203.0.113.7";
    for (let n = 0; n < IP_FAILURES_PER_MINUTE; n++) {
      const failed = await signInThroughAuthRoute(await clientOf(n, ip), { email: uniqueEmail("two-ip"), password: "not a password here" }, { maxRedirects: 0 });
      expect(codeOf(failed), `failure ${n + 1}`).toBe("credentials");
    }
    const refused = await signInThroughAuthRoute(await clientOf(0, ip), { email: uniqueEmail("two-ip"), password: "not a password here" }, { maxRedirects: 0 });
    expect(codeOf(refused)).toMatch(/^throttled-\d+$/);
    const retryAfter = Number(refused.headers()["retry-after"]);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // another client behind the same proxy is not its neighbour
    const other = await signInThroughAuthRoute(await clientOf(1, "203.0.113.8"), { email: uniqueEmail("two-ip"), password: "not a password here" }, { maxRedirects: 0 });
    expect(codeOf(other)).toBe("credentials");

    // the events name the client the proxy vouched for, not the proxy
    const db = createDbClient(instances.database.url);
    try {
      const events = await db.securityEvent.findMany({ where: { type: "sign_in" } });
      expect(events.filter((event) => event.ip === ip).map((event) => event.outcome)).toEqual([...Array(IP_FAILURES_PER_MINUTE).fill("failure"), "throttled"]);
    } finally {
      await db.$disconnect();
    }
  });

  test("Throttling across instances: a burst of 30 guesses from one address, split between them, gets six password checks in all, and another address signs in meanwhile", async ({
    browser,
  }) => {
    const ip = "203.0.113.30";
    const context = await browser.newContext({ baseURL: instances.servers[0]?.baseURL });
    const account = await instances.createVerifiedAccount();
    const burstClients = await Promise.all([0, 1].map((n) => clientOf(n, ip)));
    const csrfs = await Promise.all(burstClients.map((client) => authCsrf(client)));
    const burst = Array.from({ length: 30 }, (_, n) =>
      signInThroughAuthRoute(burstClients[n % 2] as APIRequestContext, { email: uniqueEmail("two-burst"), password: `burst guess ${n}` }, { maxRedirects: 0, csrf: csrfs[n % 2] }),
    );
    const bystanders = await Promise.all(
      [0, 1].map(async (n) => signInThroughAuthRoute(await clientOf(n, "198.51.100.30"), { ...account, callbackUrl: "/profile" }, { maxRedirects: 0 })),
    );
    const codes = (await Promise.all(burst)).map(codeOf);

    // a password was checked only for the "credentials" answers: the per-IP limit held for the whole burst
    expect(codes.filter((code) => code === "credentials")).toHaveLength(IP_FAILURES_PER_MINUTE);
    expect(codes.filter((code) => /^throttled-\d+$/.test(code ?? ""))).toHaveLength(30 - IP_FAILURES_PER_MINUTE);
    for (const bystander of bystanders) expect(bystander.headers().location).toMatch(/\/profile$/);
    await context.close();
  });

  test("Throttling across instances: reset requests for one address, alternating instances, queue three mails an hour", async ({ browser }) => {
    const contexts = await Promise.all(instances.servers.map((server) => browser.newContext({ baseURL: server.baseURL })));
    const pages = await Promise.all(contexts.map((context) => context.newPage()));
    const account = await instances.createVerifiedAccount();
    // the same answer every time, on either instance
    for (let n = 0; n < 4; n++) await requestReset(pages[n % 2] as Page, account.email);
    const db = createDbClient(instances.database.url);
    try {
      expect(await db.outboxMessage.count({ where: { to: account.email, template: "reset-password" } })).toBe(3);
    } finally {
      await db.$disconnect();
    }
    await Promise.all(contexts.map((context) => context.close()));
  });

  test("Sessions across instances: a sign-out on one ends the session on the other", async ({ browser }) => {
    const [a, b] = instances.servers;
    const context = await browser.newContext({ baseURL: a?.baseURL });
    const page = await context.newPage();
    const account = await instances.createVerifiedAccount();
    await signInQuickly(page, account);
    const cookie = await sessionCookie(context);
    if (!cookie) throw new Error("no session cookie");
    // cookies belong to the host, not the port: the browser is signed in on both
    await page.goto(`${b?.baseURL}/profile`);
    await expect(page.getByRole("main")).toContainText(account.email);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();

    // the old cookie, brought back, opens nothing on the other instance: the server revoked it
    await context.addCookies([cookie]);
    await page.goto(`${a?.baseURL}/profile`);
    await expect(page).toHaveURL(/\/login\?callbackUrl=/);
    await context.close();
  });
});
