// Bad input (issue #7): thousands of malformed submissions to every server
// action (as a form posts it and as JavaScript calls it, signed out and
// signed in, and under ids no build has) and to every route handler and
// page (malformed queries, paths, methods, bodies, headers). Not one answer
// may be a 5xx, the server may log no unhandled error, and the database
// must be exactly as it was. FUZZ_SEED=<seed> replays a run; FUZZ_COUNT
// changes its length.
import { createVerifiedAccount, sessionCookie, signIn } from "../support/accounts";
import { expect, test } from "../support/fixtures";
import { actionCatalogue } from "../support/fuzz/action-catalogue";
import { requestsAround, runCampaign, type Sent } from "../support/fuzz/campaign";
import { changedTables, snapshotDatabase } from "../support/fuzz/db-snapshot";
import { runSeed } from "../support/fuzz/prng";
import { logProblems } from "../support/fuzz/server-log";
import { signInQuickly } from "../support/settings";

/** `npm test` sends a short campaign with a new seed each run; `npm run test:full` (E2E_FULL=1) the long one. */
const COUNT = Number(process.env.FUZZ_COUNT ?? (process.env.E2E_FULL === "1" ? 10_500 : 2_500));
/** A few at a time: enough to overlap requests, few enough for two projects on two cores. */
const CONCURRENCY = 6;

test("Bad input: malformed submissions to every action and route get no 5xx, log no error and change nothing", async ({ page, app, browser, playwright }) => {
  // a few minutes on an idle machine; far longer when it is shared
  test.setTimeout(40 * 60_000);
  const seed = runSeed();
  console.log(`fuzz seed ${seed} (${app.kind}): replay with FUZZ_SEED=${seed}`);
  const actions = actionCatalogue();
  expect(actions.length).toBeGreaterThanOrEqual(16);

  const account = createVerifiedAccount(app);
  await signInQuickly(page, account);
  const session = await sessionCookie(page.context());
  if (!session) throw new Error("no session cookie");

  // the shapes the pages really render, which the fuzzer imitates; every answer without a 5xx or a logged
  // error shows fence 8 and fence 9 (lib/fences.ts) at work, and fences 1, 2 and 7 for the routes
  const signedOut = await playwright.request.newContext({ baseURL: app.baseURL });
  const loginHtml = await (await signedOut.get("/login")).text();
  for (const field of ["$ACTION_REF_1", "$ACTION_1:0", "$ACTION_1:1", "$ACTION_KEY"]) expect(loginHtml).toContain(`name="${field}"`);
  // signed in too, even the header's sign-out button is such a form. No page renders a plain action's
  // `$ACTION_ID_<id>` field any more, but Next.js still takes that shape, so the fuzzer keeps sending it.
  expect(await (await page.request.get("/profile")).text()).toContain('name="$ACTION_REF_1"');
  const csrf = await signedOut.get("/api/auth/csrf");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = (await signedOut.storageState()).cookies.find((cookie) => cookie.name.endsWith("authjs.csrf-token"));
  if (!csrfCookie) throw new Error("no Auth.js CSRF cookie");
  await signedOut.dispose();

  const before = await app.withDb(snapshotDatabase);
  const logStart = app.server.logs().length;
  const origin = new URL(app.baseURL).origin;
  const started = Date.now();
  const result = await runCampaign({
    baseURL: app.baseURL,
    seed,
    count: COUNT,
    concurrency: CONCURRENCY,
    actions,
    signedOut: { origin },
    signedIn: { origin, sessionCookie: `${session.name}=${session.value}` },
    authCsrf: { token: csrfToken, cookie: `${csrfCookie.name}=${csrfCookie.value}` },
    logLength: () => app.server.logs().length,
  });
  console.log(
    `fuzz ${app.kind}: ${result.sent} requests in ${Math.round((Date.now() - started) / 1000)} s; by kind ${JSON.stringify(result.byKind)}; by status ${JSON.stringify(result.byStatus)}; seconds by kind ${JSON.stringify(result.secondsByKind)}`,
  );

  // the same process still serves, signed in and out
  expect((await page.request.get("/api/health")).status()).toBe(200);
  expect((await page.request.get("/api/ready")).status()).toBe(200);
  const profile = await page.request.get("/profile");
  expect(profile.status()).toBe(200);
  expect(await profile.text()).toContain(account.email);
  const log = app.server.logs().slice(logStart);

  const after = await app.withDb(snapshotDatabase);
  const problems = logProblems(log);

  for (const offender of result.offenders)
    console.log(`fuzz offender #${offender.index} (seed ${seed}): ${offender.why}, status ${offender.status}\n${offender.request}\n--- answer: ${offender.body}\n`);
  // each line with the requests in flight when it was printed (or the last one answered before it), and those requests once each
  const suspects = new Map<number, Sent>();
  for (const problem of problems.slice(0, 40)) {
    const around = requestsAround(result.timeline, logStart + problem.at);
    for (const sent of around) suspects.set(sent.index, sent);
    console.log(`fuzz log problem: ${problem.why}: ${problem.line.slice(0, 500)}\n  requests around it: ${around.map(({ index }) => `#${index}`).join(", ") || "nothing"}`);
  }
  for (const sent of suspects.values()) console.log(`fuzz request #${sent.index} (seed ${seed}):\n${sent.request}\n`);
  expect.soft(result.sent).toBeGreaterThanOrEqual(COUNT);
  expect
    .soft(
      result.offenders.map(({ index, status, why }) => `#${index} ${status} ${why}`),
      `seed ${seed}`,
    )
    .toEqual([]);
  expect.soft(problems.length, `server log problems, seed ${seed}`).toBe(0);
  expect.soft(changedTables(before, after), `tables changed, seed ${seed}`).toEqual({});
  // the one write a malformed request may cause: the record of a refused cross-site request, one per refusal
  expect.soft(after.crossSiteEvents - before.crossSiteEvents, "cross-site refusals recorded").toBe(result.crossSiteRefusals);

  // and a real sign-in still works (on the embedded database, in the process restarted to read it)
  const fresh = await browser.newContext({ baseURL: app.baseURL });
  const freshPage = await fresh.newPage();
  await signIn(freshPage, account);
  await expect(freshPage).toHaveURL(/\/profile$/);
  await fresh.close();
});
