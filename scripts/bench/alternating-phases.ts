// Two phases compared as a ratio are run in turn, A B A B …, rather than
// all of A then all of B: on a shared machine the background load drifts
// over minutes, and alternating spreads that drift over both sides alike.
import type { LoadResult } from "./load";

export async function alternate<Phase extends string>(rounds: number, phases: Record<Phase, () => Promise<LoadResult>>): Promise<Record<Phase, LoadResult>> {
  const names = Object.keys(phases) as Phase[];
  const results = new Map<Phase, LoadResult[]>(names.map((name) => [name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const name of names) results.get(name)?.push(await phases[name]());
  }
  return Object.fromEntries(names.map((name) => [name, mergeLoads(results.get(name) ?? [])])) as Record<Phase, LoadResult>;
}

export function mergeLoads(parts: readonly LoadResult[]): LoadResult {
  const errors = new Map<string, number>();
  for (const part of parts) for (const [reason, count] of part.errors) errors.set(reason, (errors.get(reason) ?? 0) + count);
  const latenciesMs = parts.flatMap((part) => part.latenciesMs).sort((a, b) => a - b);
  const seconds = parts.reduce((sum, part) => sum + part.seconds, 0);
  return { ok: latenciesMs.length, errors, latenciesMs, seconds, okPerSecond: seconds > 0 ? latenciesMs.length / seconds : 0 };
}
