// `npm test` and `npm run test:full`: every check, one stage after another,
// stopping at the first that fails, with each stage's time at the end (CI's
// log shows where its minutes go). --full runs the long versions: unit test
// files each in a fresh module registry, every e2e spec on both databases and
// every journey in both modes on each, the long fuzz campaign, and the full
// bench and load test.
import { spawnSync } from "node:child_process";

const full = process.argv.includes("--full");
const stages = [
  ["format", "npm run format:check"],
  ["lint", "npm run lint"],
  ["typecheck", "npm run typecheck"],
  ["unit", full ? "npm run test:unit -- --isolate" : "npm run test:unit"],
  // the typecheck stage has checked every file the build would
  ["build", "BUILD_SKIP_TYPECHECK=1 npm run build"],
  ["e2e", "npm run test:e2e"],
  ["bench", full ? "npm run bench" : "npm run bench -- --short"],
  ["loadtest", full ? "npm run loadtest" : "npm run loadtest -- --short"],
];
const env = full ? { ...process.env, E2E_FULL: "1" } : process.env;

const times = [];
let failed;
for (const [name, command] of stages) {
  console.log(`\n--- ${name}: ${command}`);
  const started = Date.now();
  const { status, signal } = spawnSync(command, { shell: true, stdio: "inherit", env });
  times.push([name, (Date.now() - started) / 1000]);
  if (status !== 0) {
    failed = { name, code: status ?? 1, signal };
    break;
  }
}
console.log(`\n--- stage times${full ? " (full)" : ""}`);
for (const [name, seconds] of times) console.log(`${name.padEnd(10)} ${seconds.toFixed(0).padStart(5)} s`);
console.log(
  `${"total".padEnd(10)} ${times
    .reduce((sum, [, seconds]) => sum + seconds, 0)
    .toFixed(0)
    .padStart(5)} s`,
);
if (failed) {
  console.error(`\n${failed.name} failed (${failed.signal ?? `exit ${failed.code}`})`);
  process.exit(failed.code);
}
