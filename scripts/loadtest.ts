// npm run loadtest [-- --short] [--duration=<s>] [--concurrency=<n>] [--mix=register:1,sign-in:4,wrong-password:1]
//
// Drives registration and sign-in against the production build on loopback,
// set up as the bench sets it up (scripts/bench/bench-app.ts: its own
// PostgreSQL database, seeded accounts, an in-process SMTP sink), with a
// fixed number of clients for a fixed time:
//   - register: a new address, posted as a browser without JavaScript does;
//   - sign-in: a seeded account with its right password, through Auth.js's route;
//   - wrong-password: a seeded account with a wrong one.
// Each answer is named (scripts/bench/answers.ts): designed answers are the
// success, a refused wrong password, "throttled", "busy" and 429; anything
// else (5xx, a fault page, a network error, a timeout after 60 s, a right
// password refused) is an error. It prints a table of counts, rates and latency
// percentiles per operation and answer, each latency being the whole
// operation (its page or CSRF token, then its post).
//
// The limits: every client here is 127.0.0.1, so the per-IP ones are lifted
// for this server (LOOPBACK_CLIENT_LIMITS in e2e/support/app-env.ts), or
// every registration after the tenth in an hour would be "too many" and the
// test would measure the refusal, not registration. Their answers, and those
// of the per-address sign-in throttle and of a full hashing queue ("busy"),
// still count as designed whenever they come.
//
// Exit code: 0 when every answer was designed, 1 when any was not, 2 when
// the load test could not run (no build, no PostgreSQL, a bad option), 130
// on Ctrl-C. Its server and database are gone in every case. Run with plain
// node for the reasons given in scripts/bench.ts.
import os from "node:os";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import type { Verdict } from "./bench/answers";
import { measureBcryptCompare } from "./bench/bcrypt-yardstick";
import { createBenchDatabase, requireProductionBuild, startBenchServer, type BenchServer } from "./bench/bench-app";
import { CannotRun, type Cleanup } from "./bench/cleanup";
import { readAppSettings } from "./bench/config";
import { seconds } from "./bench/context";
import { describeFailure, interrupted } from "./bench/http";
import { closedLoop } from "./bench/load";
import { registerNewAccount } from "./bench/register";
import { runScript } from "./bench/run-script";
import { accountsFor, BENCH_PASSWORD, seedUsers, type SeededUsers } from "./bench/seed-users";
import { attemptSignIn } from "./bench/sign-in";
import { formatMix, mixSchedule, OPERATIONS, type Operation } from "./loadtest/mix";
import { parseLoadTestOptions } from "./loadtest/options";
import { Tally } from "./loadtest/tally";

const WRONG_PASSWORD = `not ${BENCH_PASSWORD}`;
const PROGRESS_EVERY_MS = 5_000;

function operations(server: BenchServer, users: SeededUsers): Record<Operation, () => Promise<Verdict>> {
  return {
    register: async () => (await registerNewAccount(server.baseURL)).verdict,
    "sign-in": async () => (await attemptSignIn(server.baseURL, users.nextEmail(), BENCH_PASSWORD)).verdict,
    "wrong-password": async () => (await attemptSignIn(server.baseURL, users.nextEmail(), WRONG_PASSWORD, "wrong")).verdict,
  };
}

/** The server's own account of what went wrong: its error lines, and anything not JSON (a stack trace). */
function serverErrors(logs: string): string[] {
  return logs
    .split("\n")
    .filter((line) => line.trim() !== "" && (!line.startsWith("{") || line.includes('"level":"error"')))
    .slice(-20);
}

async function main(cleanup: Cleanup): Promise<number> {
  const options = parseLoadTestOptions(process.argv.slice(2));
  requireProductionBuild();
  const settings = readAppSettings();
  const load = os.loadavg()[0] ?? Number.NaN;
  console.log(
    `load test (${options.short ? "short" : "full"}): ${seconds(options.durationMs)} at concurrency ${options.concurrency}, ` +
      `mix ${formatMix(options.mix)}; ${settings.cores} cores, load average ${load.toFixed(1)}, bcrypt cost ${settings.bcryptCost}`,
  );

  // every operation hashes once: this bounds the rate, and sizes the seeded accounts
  const { compareMs } = measureBcryptCompare(settings.bcryptCost, 3);
  const hashesPerSecond = settings.cores / (compareMs / 1000);
  const databaseUrl = await createBenchDatabase(cleanup);
  const users = await seedUsers(databaseUrl, {
    count: accountsFor((hashesPerSecond * options.durationMs) / 1000, settings.sessionsPerUser),
    pepper: settings.passwordPepper,
    cost: settings.bcryptCost,
  });
  const server = await startBenchServer(settings, databaseUrl, cleanup);
  const run = operations(server, users);
  const next = mixSchedule(options.mix);
  const tally = new Tally(OPERATIONS);

  const started = performance.now();
  const clients = closedLoop(options.concurrency, async () => {
    const operation = next();
    const begun = performance.now();
    const verdict = await run[operation]().catch((error: unknown): Verdict => ({ designed: false, error: describeFailure(error) }));
    tally.record(operation, verdict, performance.now() - begun);
  });
  const progress = setInterval(() => {
    const elapsed = seconds(performance.now() - started);
    console.log(`  ${elapsed}: ${tally.count("answer")} designed answers, ${tally.count("error")} errors`);
  }, PROGRESS_EVERY_MS);
  await sleep(options.durationMs, undefined, { signal: interrupted }).catch(() => undefined);
  clearInterval(progress);
  await clients.stop(); // the operations in flight finish, and count
  if (interrupted.aborted) return 130;
  const elapsedMs = performance.now() - started;

  const answers = tally.count("answer");
  const errors = tally.count("error");
  console.log(`\n${tally.format(elapsedMs / 1000)}\n`);
  const total = answers + errors;
  console.log(
    `throughput: ${total} operations in ${seconds(elapsedMs)} (${seconds(options.durationMs)} starting new ones, then those in flight) = ${(total / (elapsedMs / 1000)).toFixed(1)}/s`,
  );
  console.log(
    `hashing: one bcrypt compare took ${compareMs.toFixed(0)} ms here; every registration and every sign-in that reaches its password check runs one, ` +
      `so ${settings.cores} cores allow about ${hashesPerSecond.toFixed(1)}/s of them together`,
  );
  console.log(`seeded accounts: ${users.count}; mail accepted by the SMTP sink: ${server.sink.messages.length}`);
  if (total === 0) throw new CannotRun("no operation finished");
  if (errors === 0) {
    console.log("\nno errors: every answer was a designed one");
    return 0;
  }
  console.error(`\nFAILED: ${errors} answer${errors === 1 ? " was" : "s were"} not designed:\n  ${tally.errorSummary().join("\n  ")}`);
  const logged = serverErrors(server.logs());
  if (logged.length > 0) console.error(`the server's last errors:\n${logged.join("\n")}`);
  return 1;
}

await runScript("load test", main);
