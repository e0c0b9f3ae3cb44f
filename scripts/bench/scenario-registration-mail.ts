// Scenario 3: mail never sits in the request path. Registrations are
// submitted one after another as a browser without JavaScript would, with an
// SMTP server that answers at once and with one that takes 2 s per message
// (the two alternate, see alternating-phases.ts). The app only queues the
// mail (outbox), so p95 should not move.
import { alternate } from "./alternating-phases";
import { ANSWER, successOnly } from "./answers";
import type { BenchContext } from "./context";
import { percentile, runLoad, summarizeErrors, summarizeLatencies, type LoadResult, type Outcome } from "./load";
import { registerNewAccount } from "./register";
import type { ScenarioResult } from "./report";

const SLOW_SMTP_MS = 2_000;

export async function registrationWithSlowMail({ config, server }: BenchContext): Promise<ScenarioResult> {
  const registerOnce = async (): Promise<Outcome> => {
    const { verdict, ms } = await registerNewAccount(server.baseURL);
    return successOnly(verdict, ANSWER.registered, ms);
  };
  // proof that the slow server really was slow: how much mail it took in meanwhile
  const mailed = { instant: 0, slow: 0 };
  const phase = (smtp: keyof typeof mailed, delayMs: number) => async (): Promise<LoadResult> => {
    server.sink.setDelay(delayMs);
    const before = server.sink.messages.length;
    const load = await runLoad({ concurrency: 1, warmupMs: config.warmupMs, durationMs: config.phaseMs / config.rounds, task: registerOnce });
    mailed[smtp] += server.sink.messages.length - before;
    return load;
  };

  const { instant, slow } = await alternate(config.rounds, { instant: phase("instant", 0), slow: phase("slow", SLOW_SMTP_MS) });
  server.sink.setDelay(0); // the backlog drains quickly during the next scenarios

  const instantP95 = percentile(instant.latenciesMs, 95);
  const slowP95 = percentile(slow.latenciesMs, 95);
  const describe = (label: string, load: LoadResult, mails: number) =>
    `${label}: ${summarizeLatencies(load.latenciesMs)}; errors: ${summarizeErrors(load.errors)}; the sink accepted ${mails} mails meanwhile`;
  return {
    measured: `${slowP95.toFixed(1)} ms (SMTP 2 s)`,
    baseline: `${instantP95.toFixed(1)} ms (SMTP instant)`,
    score: slowP95 / instantP95,
    scoreIs: "ratio",
    target: { op: "≤", value: 1.05, unit: "" },
    details: [
      describe("instant SMTP", instant, mailed.instant),
      describe(`SMTP waiting ${SLOW_SMTP_MS} ms per message`, slow, mailed.slow),
      `latency of the form POST alone (validation, bcrypt hash, account and outbox row) up to its 303; ${config.rounds} alternating round(s)`,
    ],
  };
}
