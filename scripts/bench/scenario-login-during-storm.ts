// Scenario 2: does a sign-in storm slow down everybody else? One client
// loads the sign-in page again and again, on an idle server and while 40
// others sign in without pause (the two alternate, see alternating-phases.ts).
// Compared: the two p99 latencies, the storm's once it is under way.
import { alternate, mergeLoads } from "./alternating-phases";
import type { BenchContext } from "./context";
import { send } from "./http";
import { percentile, runLoad, startLoad, summarizeErrors, summarizeLatencies, type LoadResult, type Outcome } from "./load";
import type { ScenarioResult } from "./report";
import { BENCH_PASSWORD } from "./seed-users";
import { signIn } from "./sign-in";

const STORM_CLIENTS = 40;
/**
 * 40 sign-ins arriving at once take the server's main thread a second or two
 * to take in (measured: about 2 s on 2 busy cores). That onset is reported on
 * its own; the ratio compares the storm once it is under way.
 */
const STORM_ONSET_MS = 3_000;

export async function loginDuringStorm({ config, server, users }: BenchContext): Promise<ScenarioResult> {
  const loadLoginPage = async (): Promise<Outcome> => {
    const answer = await send(`${server.baseURL}/login`);
    return answer.status === 200 ? { ok: true } : { ok: false, error: `HTTP ${answer.status}` };
  };

  const storms: LoadResult[] = [];
  const onsets: LoadResult[] = [];
  const { idle, during } = await alternate(config.rounds, {
    idle: () => runLoad({ concurrency: 1, warmupMs: config.warmupMs, durationMs: config.phaseMs / config.rounds, task: loadLoginPage }),
    during: async () => {
      const storm = startLoad({ concurrency: STORM_CLIENTS, task: () => signIn(server.baseURL, users.nextEmail(), BENCH_PASSWORD) });
      onsets.push(await runLoad({ concurrency: 1, durationMs: STORM_ONSET_MS, task: loadLoginPage }));
      const sampled = await runLoad({ concurrency: 1, durationMs: config.phaseMs / config.rounds, task: loadLoginPage });
      storms.push(await storm.stop()); // waits for the sign-ins in flight: the next idle phase must be idle
      return sampled;
    },
  });
  const storm = mergeLoads(storms);
  const onset = mergeLoads(onsets);

  const idleP99 = percentile(idle.latenciesMs, 99);
  const stormP99 = percentile(during.latenciesMs, 99);
  return {
    measured: `${stormP99.toFixed(1)} ms in storm`,
    baseline: `${idleP99.toFixed(1)} ms idle`,
    score: stormP99 / idleP99,
    scoreIs: "ratio",
    target: { op: "≤", value: 3, unit: "" },
    details: [
      `idle: ${summarizeLatencies(idle.latenciesMs)}; errors: ${summarizeErrors(idle.errors)}`,
      `during the storm: ${summarizeLatencies(during.latenciesMs)}; errors: ${summarizeErrors(during.errors)}`,
      `storm onset (its first ${STORM_ONSET_MS / 1000} s, not in the ratio): ${summarizeLatencies(onset.latenciesMs)}`,
      `storm: ${STORM_CLIENTS} clients, ${storm.ok} sign-ins (${storm.okPerSecond.toFixed(2)}/s); errors: ${summarizeErrors(storm.errors)}`,
      `one client, requests one after another; ${config.rounds} alternating round(s)`,
    ],
  };
}
