// npm run bench [-- --short]
//
// Measures the account system as it is deployed: the production build
// (`next start`) on loopback, with its own PostgreSQL database, seeded
// accounts and an in-process SMTP sink, and prints one table of ratios, all
// measured in the same run, each against the target of issue #8:
//   1. sign-ins per second ÷ the ceiling cores ÷ one bcrypt compare (≥ 0.85);
//   2. p99 of GET /login while 40 clients sign in ÷ its idle p99 (≤ 3);
//   3. p95 registration latency with an SMTP server that waits 2 s ÷ with an
//      instant one (≤ 1.05): mail must never sit in the request path;
//   4. signed-in /profile requests per second ÷ the signed-out home page's,
//      at concurrency 10 (≥ 0.5);
//   5. JavaScript bytes (gzip) a browser downloads for /login (≤ 150 KiB);
//   6. one ordinary avatar upload (a 12-megapixel JPEG): time, and the
//      server's peak memory growth (issue 15; a figure to read).
// The absolute figures behind each ratio follow the table.
//
// Load and server share this machine's cores, and anything else running on
// it shows in the numbers: read them as one run's measurements. --short runs
// each phase for a few seconds, for CI to prove the bench still works; its
// numbers are not asserted anywhere. The exit code is non-zero only when the
// bench could not run, never for a missed target: 2 when it could not start
// (no build, no PostgreSQL), 1 when a scenario failed or measured nothing.
//
// package.json runs it as `node --conditions=react-server --import tsx`:
// - seeding uses the app's own password hasher, whose modules import
//   "server-only"; that resolves to an empty module only under the
//   react-server condition, as inside Next.js;
// - tsx's own CLI would stand between Ctrl-C and this process and SIGKILL it
//   when its event loop is busy for 60 ms (as it is under load), leaving the
//   server running and the database behind; plain node lets the cleanup run.
import os from "node:os";
import { performance } from "node:perf_hooks";
import { measureBcryptCompare } from "./bench/bcrypt-yardstick";
import { createBenchDatabase, requireProductionBuild, startBenchServer } from "./bench/bench-app";
import type { Cleanup } from "./bench/cleanup";
import { withClientLag } from "./bench/client-lag";
import { readBenchConfig } from "./bench/config";
import { seconds, type BenchContext } from "./bench/context";
import { interrupted } from "./bench/http";
import { formatReport, measuredNothing, type ScenarioResult, type ScenarioRow } from "./bench/report";
import { runScript } from "./bench/run-script";
import { avatarUploadCost } from "./bench/scenario-avatar-upload";
import { loginDuringStorm } from "./bench/scenario-login-during-storm";
import { loginJavaScriptBytes } from "./bench/scenario-login-js-bytes";
import { profileRequestRate } from "./bench/scenario-profile-rps";
import { registrationWithSlowMail } from "./bench/scenario-registration-mail";
import { signInThroughput } from "./bench/scenario-sign-in-throughput";
import { accountsFor, seedUsers } from "./bench/seed-users";

const SCENARIOS: { name: string; run: (context: BenchContext) => Promise<ScenarioResult> }[] = [
  { name: "1. sign-in throughput", run: signInThroughput },
  { name: "2. GET /login p99, storm ÷ idle", run: loginDuringStorm },
  { name: "3. registration p95, SMTP 2 s ÷ instant", run: registrationWithSlowMail },
  { name: "4. /profile signed in ÷ / signed out, req/s", run: profileRequestRate },
  { name: "5. JavaScript for /login, gzip", run: loginJavaScriptBytes },
  { name: "6. one avatar upload (12 MP JPEG)", run: avatarUploadCost },
];

async function main(cleanup: Cleanup): Promise<number> {
  const started = performance.now();
  const loadAtStart = os.loadavg()[0] ?? Number.NaN;
  const config = readBenchConfig(process.argv.slice(2));
  requireProductionBuild();
  const mode = config.short ? "short" : "full";
  console.log(`bench (${mode}): ${config.cores} cores, bcrypt cost ${config.bcryptCost}, ${seconds(config.phaseMs)} per phase`);

  // before the server starts, so the yardstick does not compete with it
  const yardstick = measureBcryptCompare(config.bcryptCost, config.short ? 3 : 7);
  const ceiling = config.cores / (yardstick.compareMs / 1000);
  const databaseUrl = await createBenchDatabase(cleanup);
  // scenarios 1 and 2 sign in, each for a warm-up and a phase
  const expectedSignIns = (ceiling * 2 * (config.warmupMs + config.phaseMs)) / 1000;
  const users = await seedUsers(databaseUrl, {
    count: accountsFor(expectedSignIns, config.sessionsPerUser),
    pepper: config.passwordPepper,
    cost: config.bcryptCost,
  });
  const server = await startBenchServer(config, databaseUrl, cleanup);
  const context: BenchContext = { config, server, users, yardstick };

  const rows: ScenarioRow[] = [];
  for (const scenario of SCENARIOS) {
    if (interrupted.aborted) break;
    console.log(`running ${scenario.name}…`);
    try {
      const { result, lag } = await withClientLag(() => scenario.run(context));
      rows.push({ name: scenario.name, ...result, details: [...result.details, lag] });
    } catch (error) {
      rows.push({ name: scenario.name, failed: error instanceof Error ? error.message : String(error) });
      console.error(`${scenario.name} failed; the server's last output:\n${server.logs().split("\n").slice(-20).join("\n")}`);
    }
  }

  const runFacts = [
    `machine: ${config.cores} cores (os.availableParallelism), Node ${process.version}; bench and server share the cores`,
    // anything else running on the machine shows in every figure above
    `load average (1 min): ${loadAtStart.toFixed(1)} at the start, ${(os.loadavg()[0] ?? Number.NaN).toFixed(1)} at the end`,
    `bcrypt cost: ${config.bcryptCost}${process.env.BCRYPT_COST ? " (from BCRYPT_COST)" : " (the app's default)"}`,
    `mode: ${mode}, ${seconds(config.phaseMs)} per measured phase in ${config.rounds} round(s), each after ${seconds(config.warmupMs)} of warm-up; ${users.count} seeded accounts`,
    `run time: ${seconds(performance.now() - started)}`,
  ];
  console.log(`\n${formatReport(rows, runFacts)}`);
  return rows.some(measuredNothing) ? 1 : 0;
}

await runScript("bench", main);
