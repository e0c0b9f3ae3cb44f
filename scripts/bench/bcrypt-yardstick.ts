// The yardstick for sign-in throughput: one bcryptjs comparison at the
// configured cost, timed on this process's main thread while nothing else
// of the bench runs. No server can sign people in faster than
// cores ÷ this time, whatever else it does.
import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import bcrypt from "bcryptjs";

export type Yardstick = { cost: number; compareMs: number; samplesMs: number[] };

export function measureBcryptCompare(cost: number, samples: number): Yardstick {
  return fromSamples(cost, timeCompares(cost, samples));
}

/** The yardstick measured again later, pooled with the first, so drift in the machine's load over the run evens out. */
export function remeasure(first: Yardstick): Yardstick {
  return fromSamples(first.cost, [...first.samplesMs, ...timeCompares(first.cost, first.samplesMs.length)]);
}

function fromSamples(cost: number, samplesMs: number[]): Yardstick {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return { cost, compareMs: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN, samplesMs };
}

function timeCompares(cost: number, samples: number): number[] {
  // the shape the app hands bcrypt: a 64-character base64 pre-hash
  const input = randomBytes(48).toString("base64");
  const hash = bcrypt.hashSync(input, cost);
  const samplesMs: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    bcrypt.compareSync(input, hash);
    samplesMs.push(performance.now() - started);
  }
  return samplesMs;
}
