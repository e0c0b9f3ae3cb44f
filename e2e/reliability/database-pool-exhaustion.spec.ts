// Pool exhaustion (README.md, "Production"): with a pool of DB_POOL_SIZE
// connections and every one of them busy, a burst of signed-in /profile views,
// sign-ins and registrations gets fast designed answers, not a pile-up: what
// cannot get a connection gives up after DB_CONNECT_TIMEOUT_MS, what holds one
// is cut by DB_STATEMENT_TIMEOUT_MS, none answers with profile data or an error
// page, and once the connections are free everything works again, in the same
// process.
//
// The connections are held the way slow queries hold them: a client of the
// test's own locks the sessions table, so the first queries that check a
// session wait on the lock (as on a pg_sleep) with the pool's connections,
// and everything after them waits for a connection.
import pg from "pg";
import { NO_DATABASE_HEADER, UNAVAILABLE_MESSAGE, UNAVAILABLE_PAGE } from "../../lib/auth/unavailable";
import { ANSWER } from "../../scripts/bench/answers";
import { send, type CookieJar } from "../../scripts/bench/http";
import { attemptSignIn } from "../../scripts/bench/sign-in";
import { expect, test } from "../support/fixtures";
import { startInstances } from "../support/instances";
import { DESIGNED, OK, profileProbe, registrationProbe, says, signInProbe, UNAVAILABLE } from "../support/outage-probes";
import { tally, type Sent } from "../support/steady-traffic";

const POOL_SIZE = 2;
const CONNECT_TIMEOUT_MS = 1_000;
const STATEMENT_TIMEOUT_MS = 4_000;
/** no request may take longer, pool exhausted or not */
const LONGEST_MS = 6_000;
/** one that waited for a connection answers about when it gave up: well before the first held one is cut */
const GAVE_UP_WITHIN_MS = CONNECT_TIMEOUT_MS + 2_000;
/** longer than any request may take, so a request that only waits for the lock to go shows as too slow */
const HOLD_MS = LONGEST_MS + 2_000;
const PROFILE_VIEWS = 20;

async function timed(kind: string, probe: () => Promise<string>): Promise<Sent> {
  const startedAt = Date.now();
  const answer = await probe().catch((error: unknown) => `threw ${error instanceof Error ? error.message : String(error)}`);
  return { kind, startedAt, endedAt: Date.now(), answer };
}

/** The signed-in /profile request alone (timed on its own): its details, or a redirect to the unavailable page that carries none. */
async function profileRequest(baseURL: string, jar: CookieJar, email: string, pages: Promise<Sent>[]): Promise<string> {
  const answer = await send(`${baseURL}/profile`, { jar });
  if (answer.body.includes(email)) return answer.status === 200 ? OK : `HTTP ${answer.status} with profile data`;
  const location = new URL(answer.headers.get("location") ?? "/", baseURL);
  if (answer.status !== 307 || location.pathname !== UNAVAILABLE_PAGE) return `HTTP ${answer.status} to ${location.pathname}`;
  // the page it leads to, timed as a request of its own
  pages.push(
    timed("unavailable page", async () => {
      const page = await send(location.href, { jar });
      return page.status === 503 && says(page.body, UNAVAILABLE_MESSAGE) && !page.body.includes(email) ? UNAVAILABLE : `HTTP ${page.status}`;
    }),
  );
  return UNAVAILABLE;
}

test.describe("Database pool exhaustion", () => {
  test.skip(({ dbKind }) => dbKind !== "postgres", "the embedded database has no pool: it is one session inside the app's process");

  test("every pooled connection busy: fast designed answers, no profile data, and recovery once they are free", async () => {
    test.setTimeout(120_000);
    const settings = {
      DB_POOL_SIZE: String(POOL_SIZE),
      DB_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
      DB_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
    };
    const instances = await startInstances(1, settings);
    const [server] = instances.servers;
    const locker = new pg.Client({ connectionString: instances.database.url });
    try {
      if (!server) throw new Error("no server");
      const { baseURL } = server;
      const signingIn = await instances.createVerifiedAccount();
      const viewing = await instances.createVerifiedAccount();
      const viewer = await attemptSignIn(baseURL, viewing.email, viewing.password);
      expect(viewer.verdict).toEqual({ designed: true, answer: ANSWER.signedIn });
      expect(await profileProbe(baseURL, viewer.jar, viewing.email)).toBe(OK);

      await locker.connect();
      await locker.query("BEGIN");
      await locker.query("LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE");
      const logFrom = server.logs().length;
      const registered = new Map<string, string>();
      const pages: Promise<Sent>[] = [];
      const burst = Promise.all([
        ...Array.from({ length: PROFILE_VIEWS }, () => timed("profile", () => profileRequest(baseURL, viewer.jar, viewing.email, pages))),
        ...Array.from({ length: 3 }, () => timed("sign-in", () => signInProbe(baseURL, signingIn))),
        ...Array.from({ length: 3 }, () => timed("registration", () => registrationProbe(baseURL, registered))),
        timed("ready", async () => `HTTP ${(await send(`${baseURL}/api/ready`)).status}`),
      ]);
      // the lock goes after a while whatever happened, so a request that waits for it ends, too late
      const released = new Promise((resolve) => setTimeout(resolve, HOLD_MS)).then(() => locker.query("COMMIT"));
      const sent = [...(await burst)];
      sent.push(...(await Promise.all(pages)));
      const log = server.logs().slice(logFrom);
      await released;
      const took = (r: Sent) => r.endedAt - r.startedAt;
      console.log(`pool of ${POOL_SIZE} held:\n${tally(sent)}\n${sent.map((r) => `${r.kind} ${took(r)} ms`).join(", ")}`);

      // every answer a designed one (readiness says it is not ready), and no request slow
      expect(
        sent.filter((r) => r.kind !== "ready" && !DESIGNED.includes(r.answer)),
        tally(sent),
      ).toEqual([]);
      expect(sent.find((r) => r.kind === "ready")?.answer).toBe("HTTP 503");
      expect(sent.filter((r) => took(r) > LONGEST_MS)).toEqual([]);
      // while the connections were held, no signed-in page was served, and no form got through
      const views = sent.filter((r) => r.kind === "profile");
      expect(
        views.every((r) => r.answer === UNAVAILABLE),
        tally(views),
      ).toBe(true);
      expect(sent.filter((r) => r.kind !== "ready" && r.answer === OK)).toEqual([]);
      expect(sent.filter((r) => r.kind === "unavailable page")).toHaveLength(PROFILE_VIEWS);
      // all but the few that held the pool's connections gave up on waiting for one, about when they should
      expect(views.filter((r) => took(r) <= GAVE_UP_WITHIN_MS).length, tally(views)).toBeGreaterThanOrEqual(PROFILE_VIEWS - POOL_SIZE);
      // each view asked the database once; the unavailable page, not at all (it would wait in the same queue)
      expect(log.match(/"event":"current_user_failed"/g)).toHaveLength(PROFILE_VIEWS);

      // free again: everything works, in the same process, with no restart
      await expect.poll(() => profileProbe(baseURL, viewer.jar, viewing.email), { timeout: 10_000 }).toBe(OK);
      expect(await signInProbe(baseURL, signingIn)).toBe(OK);
      expect(await registrationProbe(baseURL, registered)).toBe(OK);
      expect((await send(`${baseURL}/api/ready`)).status).toBe(200);
      // only proxy.ts marks a page to be rendered without the database: a client that says so is not heard
      const home = await send(`${baseURL}/`, { jar: viewer.jar, headers: { [NO_DATABASE_HEADER]: "1" } });
      expect(home.body).toContain("Sign out");
      expect(server.exit()).toBeUndefined();
    } finally {
      await locker.end().catch(() => undefined);
      await instances.stop();
    }
  });
});
