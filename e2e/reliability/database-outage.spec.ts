// Database outage (SECURITY.md, "Errors"): under a steady mix of sign-ins,
// signed-in /profile views and registrations, PostgreSQL stops for a few
// seconds and starts again. The process never crashes; meanwhile every request
// ends within 5 s with a designed answer ("something went wrong, nothing was
// changed" for forms, a 503 "unavailable, you're still signed in" for pages)
// and no profile data is served; afterwards every kind succeeds again within
// 15 s with no restart of the app, and nothing is left half-written.
import { setTimeout as sleep } from "node:timers/promises";
import { createDbClient } from "../../lib/db";
import { UNEXPECTED } from "../../lib/form-messages";
import { ANSWER } from "../../scripts/bench/answers";
import { send } from "../../scripts/bench/http";
import { attemptSignIn } from "../../scripts/bench/sign-in";
import { startPrivatePostgres } from "../../test/private-postgres";
import { signIn } from "../support/accounts";
import { answerTime } from "../support/answer-time";
import { expect, test } from "../support/fixtures";
import { startInstances } from "../support/instances";
import { DESIGNED, OK, profileProbe, registrationProbe, signInProbe, UNAVAILABLE } from "../support/outage-probes";
import { steadyTraffic, tally, type Sent, type SteadyTraffic } from "../support/steady-traffic";

const OUTAGE_MS = 5_000;
const ANSWER_WITHIN_MS = 5_000;
const RECOVERY_WITHIN_MS = 15_000;

/** Each kind's answers since `since` end with `count` successes in a row. */
function recovered(sent: Sent[], kinds: string[], since: number, count = 3): boolean {
  return kinds.every((kind) => {
    const answers = sent.filter((r) => r.kind === kind && r.startedAt >= since).map((r) => r.answer);
    return answers.length >= count && answers.slice(-count).every((answer) => answer === OK);
  });
}

test.describe("Database outage", () => {
  test.skip(({ dbKind }) => dbKind !== "postgres", "it stops a PostgreSQL server of its own; the embedded database lives inside the app's process");

  test("a PostgreSQL restart under load: fast designed answers, no profile data, recovery on its own, nothing half-written", async ({ browser }) => {
    test.setTimeout(240_000);
    const cluster = await startPrivatePostgres();
    // the instance's stop() also stops and deletes the cluster
    const instances = await startInstances(1, {}, { kind: "postgres", url: cluster.url, drop: cluster.destroy });
    const [server] = instances.servers;
    let traffic: SteadyTraffic | undefined;
    try {
      if (!server) throw new Error("no server");
      const { baseURL } = server;
      const signingIn = await instances.createVerifiedAccount();
      const viewing = await instances.createVerifiedAccount();
      const viewer = await attemptSignIn(baseURL, viewing.email, viewing.password);
      expect(viewer.verdict).toEqual({ designed: true, answer: ANSWER.signedIn });
      // a person in a real browser, signed in as the viewing account (the sign-in loop would end an older session of its own)
      const browserContext = await browser.newContext({ baseURL });
      const person = await browserContext.newPage();
      await signIn(person, viewing);
      await expect(person).toHaveURL(/\/profile$/);
      const visitor = await browser.newPage({ baseURL });

      const registered = new Map<string, string>();
      traffic = steadyTraffic({
        "sign-in": () => signInProbe(baseURL, signingIn),
        profile: () => profileProbe(baseURL, viewer.jar, viewing.email),
        registration: () => registrationProbe(baseURL, registered),
      });
      const kinds = ["sign-in", "profile", "registration"];
      const { sent } = traffic;
      await expect.poll(() => recovered(sent, kinds, 0, 2), { timeout: 30_000 }).toBe(true);

      const stopBegun = Date.now();
      await cluster.stop();
      const stopDone = Date.now();
      // while it is down: readiness says so, and a person in a browser gets the designed pages
      expect((await send(`${baseURL}/api/ready`)).status).toBe(503);
      const profilePage = await person.goto("/profile");
      expect(profilePage?.status()).toBe(503); // fence 12: the proxy gives the unavailable page its status
      await expect(person.getByRole("heading", { name: "Temporarily unavailable" })).toBeVisible();
      await expect(person.getByText(viewing.email)).toHaveCount(0);
      await expect(person.getByRole("link", { name: "Try again" })).toHaveAttribute("href", "/profile");
      // and signing in on the real form says something went wrong, nothing was changed
      expect(await answerTime(visitor, () => signIn(visitor, signingIn))).toBeLessThan(ANSWER_WITHIN_MS);
      await expect(visitor.getByRole("main").getByRole("alert")).toHaveText(UNEXPECTED);
      await sleep(Math.max(0, stopDone + OUTAGE_MS - Date.now()));

      const startBegun = Date.now();
      await cluster.start();
      const startDone = Date.now();
      await expect.poll(() => recovered(sent, kinds, startDone), { timeout: RECOVERY_WITHIN_MS + 10_000 }).toBe(true);
      await traffic.stop();
      const phase = (r: Sent) => (r.endedAt < stopBegun ? "before" : r.startedAt >= startDone ? "after" : "outage");
      console.log(`database down for ${startDone - stopBegun} ms:\n${tally(sent.map((r) => ({ ...r, kind: `${r.kind} ${phase(r)}` })))}`);

      // every answer is a designed one, and none that overlapped the outage took long
      expect(
        sent.filter((r) => !DESIGNED.includes(r.answer)),
        tally(sent),
      ).toEqual([]);
      const overlapping = sent.filter((r) => r.startedAt < startDone && r.endedAt > stopBegun);
      expect(overlapping.filter((r) => r.endedAt - r.startedAt > ANSWER_WITHIN_MS)).toEqual([]);
      for (const kind of kinds) {
        const ofKind = sent.filter((r) => r.kind === kind);
        // before: everything worked
        expect(
          ofKind.filter((r) => r.endedAt < stopBegun).every((r) => r.answer === OK),
          `${kind} before`,
        ).toBe(true);
        // during: each kind was tried, and each got the unavailable answer (never a profile)
        const during = ofKind.filter((r) => r.startedAt >= stopDone && r.endedAt <= startBegun);
        expect(during.length, `${kind} during`).toBeGreaterThan(0);
        expect(
          during.every((r) => r.answer === UNAVAILABLE),
          `${kind} during`,
        ).toBe(true);
        // after: working again within the limit, and from then on
        const after = ofKind.filter((r) => r.startedAt >= startDone);
        const firstOk = after.findIndex((r) => r.answer === OK);
        expect(firstOk, `${kind} after`).toBeGreaterThanOrEqual(0);
        expect((after[firstOk]?.endedAt ?? Infinity) - startDone, `${kind} recovery`).toBeLessThanOrEqual(RECOVERY_WITHIN_MS);
        expect(
          after.slice(firstOk).every((r) => r.answer === OK),
          `${kind} after`,
        ).toBe(true);
      }

      // the same process throughout; ready again; the browser's session survived the outage
      expect(server.exit()).toBeUndefined();
      expect((await send(`${baseURL}/api/ready`)).status).toBe(200);
      await person.goto("/profile");
      await expect(person.getByText(viewing.email)).toBeVisible();
      await browserContext.close();
      await visitor.close();

      // nothing half-written: every account has a password hash and its confirmation mail queued,
      // and a registration that was told "something went wrong" left no account behind
      const db = createDbClient(cluster.url);
      try {
        const users = await db.user.findMany({ select: { email: true, emailVerified: true }, where: { passwordHash: null } });
        expect(users).toEqual([]);
        const unverified = await db.user.findMany({ where: { emailVerified: null }, select: { email: true, outbox: { where: { template: "verify-email" } } } });
        expect(unverified.filter((user) => user.outbox.length === 0)).toEqual([]);
        const byAnswer = (answer: string) => [...registered].filter(([, named]) => named === answer).map(([email]) => email);
        const stored = new Set(unverified.map((user) => user.email));
        expect(byAnswer(OK).filter((email) => !stored.has(email))).toEqual([]);
        expect(byAnswer(UNAVAILABLE).filter((email) => stored.has(email))).toEqual([]);
      } finally {
        await db.$disconnect();
      }
    } finally {
      await traffic?.stop();
      await instances.stop();
    }
  });
});
