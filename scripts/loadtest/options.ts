// The load test's command line. The defaults suit a two-core machine that
// also runs the server; --short is for CI, to prove the load test still runs.
import { CannotRun } from "../bench/cleanup";
import { DEFAULT_MIX, formatMix, parseMix, type Mix } from "./mix";

export type LoadTestOptions = {
  short: boolean;
  /** clients start new operations for this long; those in flight then finish and count */
  durationMs: number;
  /** clients at once, each starting its next operation when the last is answered */
  concurrency: number;
  mix: Mix;
};

const FULL = { durationMs: 20_000, concurrency: 8 };
const SHORT = { durationMs: 5_000, concurrency: 4 };
const MAX_DURATION_S = 3_600;
const MAX_CONCURRENCY = 256;

export const USAGE = `usage: npm run loadtest -- [--short] [--duration=<seconds>] [--concurrency=<clients>] [--mix=<operation>:<weight>,…]
  --short          ${SHORT.durationMs / 1000} s at concurrency ${SHORT.concurrency} (otherwise ${FULL.durationMs / 1000} s at ${FULL.concurrency})
  --duration       1 to ${MAX_DURATION_S} seconds
  --concurrency    1 to ${MAX_CONCURRENCY} clients
  --mix            weights of register, sign-in and wrong-password (default ${formatMix(DEFAULT_MIX)})`;

/** Throws CannotRun, with the usage, on anything it does not understand. */
export function parseLoadTestOptions(args: readonly string[]): LoadTestOptions {
  const short = args.includes("--short");
  const options: LoadTestOptions = { short, ...(short ? SHORT : FULL), mix: DEFAULT_MIX };
  for (const arg of args) {
    if (arg === "--short") continue;
    const [, name, value = ""] = /^--(duration|concurrency|mix)=(.*)$/.exec(arg) ?? [];
    if (name === "duration") options.durationMs = wholeNumber(arg, value, MAX_DURATION_S) * 1000;
    else if (name === "concurrency") options.concurrency = wholeNumber(arg, value, MAX_CONCURRENCY);
    else if (name === "mix") options.mix = mixOption(value);
    else throw new CannotRun(`unknown option ${arg}\n${USAGE}`);
  }
  return options;
}

function wholeNumber(arg: string, value: string, max: number): number {
  const number = /^\d{1,7}$/.test(value) ? Number(value) : Number.NaN;
  if (!(number >= 1 && number <= max)) throw new CannotRun(`${arg}: give a whole number from 1 to ${max}\n${USAGE}`);
  return number;
}

function mixOption(value: string): Mix {
  try {
    return parseMix(value);
  } catch (error) {
    throw new CannotRun(`${(error as Error).message}\n${USAGE}`);
  }
}
