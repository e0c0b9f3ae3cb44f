// Closed-loop load: N simulated clients, each sending its next request as
// soon as the previous one is answered. Only requests that finish inside the
// measuring window count; the first `warmupMs` fill queues and are dropped.
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { describeFailure, interrupted } from "./http";

/** What one request achieved; `ms` overrides the measured time when only part of the task is the request of interest. */
export type Outcome = { ok: true; ms?: number } | { ok: false; error: string };

export type LoadResult = {
  /** successful requests in the window */
  ok: number;
  /** failures by reason */
  errors: Map<string, number>;
  /** latencies of the successful requests, sorted */
  latenciesMs: number[];
  seconds: number;
  okPerSecond: number;
};

export type LoadOptions = { concurrency: number; warmupMs?: number; task: () => Promise<Outcome> };

export type RunningLoad = { stop: () => Promise<LoadResult>; readonly okSoFar: number };

export function startLoad({ concurrency, warmupMs = 0, task }: LoadOptions): RunningLoad {
  let counting = true;
  const windowStart = performance.now() + warmupMs;
  const latenciesMs: number[] = [];
  const errors = new Map<string, number>();

  const clients = closedLoop(concurrency, async () => {
    const started = performance.now();
    const outcome = await task().catch((error: unknown): Outcome => ({ ok: false, error: describeFailure(error) }));
    const finished = performance.now();
    if (!counting || finished < windowStart) return;
    if (outcome.ok) latenciesMs.push(outcome.ms ?? finished - started);
    else errors.set(outcome.error, (errors.get(outcome.error) ?? 0) + 1);
  });

  return {
    get okSoFar() {
      return latenciesMs.length;
    },
    async stop() {
      const windowEnd = performance.now();
      counting = false;
      await clients.stop(); // requests in flight finish, uncounted, before the next phase
      const seconds = Math.max(0, windowEnd - windowStart) / 1000;
      latenciesMs.sort((a, b) => a - b);
      return { ok: latenciesMs.length, errors, latenciesMs, seconds, okPerSecond: seconds > 0 ? latenciesMs.length / seconds : 0 };
    },
  };
}

/**
 * The clients themselves: each runs `step` again as soon as its last one
 * returned, until stop() (which waits for the steps in flight) or Ctrl-C.
 * `step` must not throw.
 */
export function closedLoop(concurrency: number, step: () => Promise<void>): { stop: () => Promise<void> } {
  let running = true;
  const client = async () => {
    while (running && !interrupted.aborted) await step();
  };
  const clients = Array.from({ length: concurrency }, client);
  return {
    async stop() {
      running = false;
      await Promise.all(clients);
    },
  };
}

/** A starved machine may end a short window before one request does; the window then stays open this much longer for one. */
const WAIT_FOR_FIRST_MS = 60_000;

export async function runLoad(options: LoadOptions & { durationMs: number }): Promise<LoadResult> {
  const load = startLoad(options);
  await sleep((options.warmupMs ?? 0) + options.durationMs);
  const deadline = performance.now() + WAIT_FOR_FIRST_MS;
  while (load.okSoFar === 0 && performance.now() < deadline && !interrupted.aborted) await sleep(100);
  return load.stop();
}

/** Nearest-rank percentile of sorted values; NaN when there are none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

export function summarizeLatencies(sorted: readonly number[]): string {
  const ms = (p: number) => percentile(sorted, p).toFixed(1);
  return `n=${sorted.length}, p50 ${ms(50)} ms, p95 ${ms(95)} ms, p99 ${ms(99)} ms, max ${ms(100)} ms`;
}

export function summarizeErrors(errors: ReadonlyMap<string, number>): string {
  if (errors.size === 0) return "no errors";
  return [...errors].map(([reason, count]) => `${count}× ${reason}`).join(", ");
}
