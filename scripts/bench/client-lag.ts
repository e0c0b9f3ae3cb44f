// The bench's own event-loop delay while a scenario runs. Client and server
// share the machine: when the bench itself is starved of CPU, every latency
// it measures grows by up to this much, and the server is not to blame.
import { monitorEventLoopDelay } from "node:perf_hooks";

export async function withClientLag<T>(work: () => Promise<T>): Promise<{ result: T; lag: string }> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  try {
    const result = await work();
    const ms = (ns: number) => (ns / 1e6).toFixed(0);
    return { result, lag: `bench's own event-loop delay: p99 ${ms(histogram.percentile(99))} ms, max ${ms(histogram.max)} ms` };
  } finally {
    histogram.disable();
  }
}
