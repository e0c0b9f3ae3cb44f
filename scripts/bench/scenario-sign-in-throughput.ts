// Scenario 1: sign-ins per second against the hard ceiling of
// cores ÷ one bcrypt comparison. Enough clients keep every hashing thread
// busy with one more sign-in waiting for each; only sign-ins that end with a
// session cookie count.
import { remeasure } from "./bcrypt-yardstick";
import { seconds, type BenchContext } from "./context";
import { runLoad, summarizeErrors, summarizeLatencies } from "./load";
import type { ScenarioResult } from "./report";
import { BENCH_PASSWORD } from "./seed-users";
import { signIn } from "./sign-in";

export async function signInThroughput({ config, server, users, yardstick: before }: BenchContext): Promise<ScenarioResult> {
  const concurrency = 2 * config.cores + 2;
  const load = await runLoad({
    concurrency,
    warmupMs: config.warmupMs,
    durationMs: config.phaseMs,
    task: () => signIn(server.baseURL, users.nextEmail(), BENCH_PASSWORD),
  });
  // timed again now the server is idle once more: the ceiling brackets the load in time
  const yardstick = remeasure(before);
  const ceiling = config.cores / (yardstick.compareMs / 1000);
  return {
    measured: `${load.okPerSecond.toFixed(2)} sign-ins/s`,
    baseline: `ceiling ${ceiling.toFixed(2)}/s`,
    // no sign-in at all is a bench that does not work, not a slow server
    score: load.ok > 0 ? load.okPerSecond / ceiling : Number.NaN,
    scoreIs: "ratio",
    target: { op: "≥", value: 0.85, unit: "" },
    details: [
      `${load.ok} successful sign-ins in ${seconds(load.seconds * 1000)} at concurrency ${concurrency}; errors: ${summarizeErrors(load.errors)}`,
      `ceiling = ${config.cores} cores ÷ ${yardstick.compareMs.toFixed(1)} ms per bcrypt compare (cost ${yardstick.cost}, median of ${yardstick.samplesMs.length}, timed before and after the load on the bench's main thread)`,
      `sign-in latency (GET csrf + POST credentials): ${summarizeLatencies(load.latenciesMs)}`,
    ],
  };
}
