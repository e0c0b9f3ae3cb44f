// Scenario 4: what a session costs. A signed-in client's /profile (session
// lookup, user lookup, render) against the signed-out home page on the same
// server (render only: every page reads the session cookie, so nothing is
// prerendered, and without a cookie there is no database work), both at
// concurrency 10, alternating (see alternating-phases.ts).
import { alternate } from "./alternating-phases";
import { seconds, type BenchContext } from "./context";
import { send, type CookieJar } from "./http";
import { runLoad, summarizeErrors, summarizeLatencies, type LoadResult, type Outcome } from "./load";
import type { ScenarioResult } from "./report";
import { BENCH_PASSWORD } from "./seed-users";
import { signIn } from "./sign-in";

const CONCURRENCY = 10;

export async function profileRequestRate({ config, server, users }: BenchContext): Promise<ScenarioResult> {
  const session = await signIn(server.baseURL, users.stayingEmail, BENCH_PASSWORD);
  if (!session.ok) throw new Error(`could not sign in for /profile: ${session.error}`);
  const check = await send(`${server.baseURL}/profile`, { jar: session.jar });
  if (check.status !== 200 || !check.body.includes(users.stayingEmail)) throw new Error(`/profile did not show the signed-in account (HTTP ${check.status})`);

  const loadPage = (path: string, jar?: CookieJar) => async (): Promise<Outcome> => {
    const answer = await send(`${server.baseURL}${path}`, { jar });
    return answer.status === 200 ? { ok: true } : { ok: false, error: `HTTP ${answer.status}` };
  };
  const run = (task: () => Promise<Outcome>) => () => runLoad({ concurrency: CONCURRENCY, warmupMs: config.warmupMs, durationMs: config.phaseMs / config.rounds, task });
  const { profile, home } = await alternate(config.rounds, { profile: run(loadPage("/profile", session.jar)), home: run(loadPage("/")) });

  // no successful request on a side is a bench that does not work, not a slow page
  const ratio = profile.ok > 0 && home.ok > 0 ? profile.okPerSecond / home.okPerSecond : Number.NaN;
  const describe = (label: string, load: LoadResult) =>
    `${label}: ${load.ok} in ${seconds(load.seconds * 1000)} = ${load.okPerSecond.toFixed(1)}/s; ${summarizeLatencies(load.latenciesMs)}; errors: ${summarizeErrors(load.errors)}`;
  return {
    measured: `${profile.okPerSecond.toFixed(1)} req/s /profile`,
    baseline: `${home.okPerSecond.toFixed(1)} req/s / signed out`,
    score: ratio,
    scoreIs: "ratio",
    target: { op: "≥", value: 0.5, unit: "" },
    details: [
      describe("signed-in /profile", profile),
      describe("signed-out / (dynamic render, no database work; the app has no static page)", home),
      `concurrency ${CONCURRENCY}; ${config.rounds} alternating round(s)`,
    ],
  };
}
