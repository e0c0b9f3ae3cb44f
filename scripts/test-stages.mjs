// `npm test` and `npm run test:full`: every check, one stage after another,
// stopping at the first that fails, with each stage's time at the end (CI's
// log shows where its minutes go). --full runs the long versions: unit test
// files each in a fresh module registry, every e2e spec on both databases and
// every journey in both modes on each, the long fuzz campaign, and the full
// bench and load test.
import { spawn } from "node:child_process";

const full = process.argv.includes("--full");
/** A stage is one command, or commands run side by side (each single-threaded), their output printed whole one after another. */
const stages = [
  [
    "static",
    [
      ["format", "npm run format:check"],
      ["lint", "npm run lint"],
      ["typecheck", "npm run typecheck"],
    ],
  ],
  ["unit", full ? "npm run test:unit -- --isolate" : "npm run test:unit"],
  // the typecheck stage has checked every file the build would
  ["build", "BUILD_SKIP_TYPECHECK=1 npm run build"],
  ["e2e", "npm run test:e2e"],
  ["bench", full ? "npm run bench" : "npm run bench -- --short"],
  ["loadtest", full ? "npm run loadtest" : "npm run loadtest -- --short"],
];
const env = full ? { ...process.env, E2E_FULL: "1" } : process.env;

/** Runs a command; `quiet` collects its output to print later instead of passing it through. */
function run(command, quiet) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, { shell: true, stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit", env });
    const output = [];
    child.stdout?.on("data", (chunk) => output.push(chunk));
    child.stderr?.on("data", (chunk) => output.push(chunk));
    child.on("close", (code, signal) => resolve({ code: code ?? 1, signal, seconds: (Date.now() - started) / 1000, output: Buffer.concat(output) }));
  });
}

const rows = [];
let failed;
for (const [name, command] of stages) {
  const started = Date.now();
  if (typeof command === "string") {
    console.log(`\n--- ${name}: ${command}`);
    const { code, signal } = await run(command, false);
    rows.push([name, (Date.now() - started) / 1000]);
    if (code !== 0) failed = { name, code, signal };
  } else {
    const results = await Promise.all(command.map(([, each]) => run(each, true)));
    rows.push([name, (Date.now() - started) / 1000]);
    command.forEach(([part, each], index) => {
      const { code, signal, seconds, output } = results[index];
      console.log(`\n--- ${part}: ${each}`);
      process.stdout.write(output);
      rows.push([`  ${part}`, seconds]);
      if (code !== 0 && !failed) failed = { name: part, code, signal };
    });
  }
  if (failed) break;
}
console.log(`\n--- stage times${full ? " (full)" : ""}`);
for (const [name, seconds] of rows) console.log(`${name.padEnd(12)} ${seconds.toFixed(0).padStart(5)} s`);
const total = rows.filter(([name]) => !name.startsWith(" ")).reduce((sum, [, seconds]) => sum + seconds, 0);
console.log(`${"total".padEnd(12)} ${total.toFixed(0).padStart(5)} s`);
if (failed) {
  console.error(`\n${failed.name} failed (${failed.signal ?? `exit ${failed.code}`})`);
  process.exit(failed.code);
}
