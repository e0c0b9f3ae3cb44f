// Errors (SECURITY.md, "Errors"): when the database or the SMTP server fails,
// people get a plain message (never a stack trace, a database message or a file
// path), and the process keeps serving. (Outages that come and go, and
// recovery, are the reliability suite's business.)
import type { Page } from "@playwright/test";
import { UNEXPECTED as UNEXPECTED_MESSAGE } from "../../lib/form-messages";
import { confirmWithLink, newAccount, register, signIn, signInThroughAuthRoute, verificationLink } from "../support/accounts";
import { expect, test } from "../support/fixtures";
import { startInstances, type Instances } from "../support/instances";

/** What must never reach a person: internals of the server, its database or its files. */
const INTERNALS = [/ECONNREFUSED/i, /prisma/i, /\bat .+\(.+:\d+:\d+\)/, /\/work\/|node_modules|\.next\//, /PrismaClient|P10\d\d/];

function expectNoInternals(body: string, where: string) {
  for (const pattern of INTERNALS) expect(body, `${where} shows ${pattern}`).not.toMatch(pattern);
}

/** Every body the app answers the page with (pages, action results; not the build's own scripts), for checking afterwards. */
function collectBodies(page: Page): Promise<string>[] {
  const bodies: Promise<string>[] = [];
  page.on("response", (response) => {
    if (!new URL(response.url()).pathname.startsWith("/_next/static/")) bodies.push(response.text().catch(() => ""));
  });
  return bodies;
}

test.describe("Errors: an unreachable database", () => {
  test.skip(({ dbKind }) => dbKind !== "postgres", "only a database server can be unreachable");

  let instances: Instances;
  test.beforeAll(async ({ dbKind }) => {
    if (dbKind !== "postgres") return;
    test.setTimeout(120_000);
    // nothing listens on port 1: every query fails at once
    instances = await startInstances(1, { DATABASE_URL: "postgresql://postgres@127.0.0.1:1/nowhere?connect_timeout=2" });
  });
  test.afterAll(async () => instances?.stop());

  test("sign-in and registration say something went wrong, show nothing internal, and the process keeps serving", async ({ browser }) => {
    const server = instances.servers[0];
    const context = await browser.newContext({ baseURL: server?.baseURL });
    const page = await context.newPage();
    const bodies = collectBodies(page);
    const account = newAccount("no-db");

    await signIn(page, account);
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(UNEXPECTED_MESSAGE);
    await page.goto("/register");
    await page.getByLabel("Name").fill(account.name);
    await page.getByLabel("Email").fill(account.email);
    await page.getByLabel("Password", { exact: true }).fill(account.password);
    await page.getByLabel("Confirm password").fill(account.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(UNEXPECTED_MESSAGE);

    // Auth.js's own route, and a signed-in page with a cookie the server cannot check
    const viaRoute = await signInThroughAuthRoute(page.request, account, { maxRedirects: 0 });
    expect(viaRoute.status()).toBeLessThan(500);
    expectNoInternals(await viaRoute.text(), "the sign-in route");
    const profile = await page.request.get("/profile", { headers: { cookie: "authjs.session-token=forged" }, maxRedirects: 0 });
    expect(profile.status()).toBeLessThan(500);
    expectNoInternals(await profile.text(), "/profile");

    for (const body of await Promise.all(bodies)) expectNoInternals(body, "a page");
    // still serving
    expect((await page.request.get("/login")).status()).toBe(200);
    await context.close();
  });
});

test("Errors: with the SMTP server refusing, registration still answers, and the mail goes out once it accepts again", async ({ page, app }) => {
  const bodies = collectBodies(page);
  const account = newAccount("smtp-down");
  app.sink.setMode("refuse");
  const logStart = app.server.logs().length;
  try {
    await register(page, account);
    // the worker really met the refusal, and will try again
    await expect.poll(() => app.server.logs().slice(logStart), { timeout: 15_000 }).toContain('"email_retry"');
  } finally {
    app.sink.setMode("accept");
  }
  for (const body of await Promise.all(bodies)) expectNoInternals(body, "a page");
  // the outbox retries: the link arrives and works
  await confirmWithLink(page, await verificationLink(app, account.email), account.password);
});
