// Steady traffic for tests that break something underneath the app: one
// loop per kind of request, each sending one request at a time with a short
// pause, recording when it started and ended and what came back.
import { setTimeout as sleep } from "node:timers/promises";

/** One request: `answer` is what its probe named it ("ok", say, or what went wrong). */
export type Sent = { kind: string; startedAt: number; endedAt: number; answer: string };

export type SteadyTraffic = { sent: Sent[]; stop: () => Promise<void> };

export function steadyTraffic(probes: Record<string, () => Promise<string>>, pauseMs = 100): SteadyTraffic {
  const sent: Sent[] = [];
  let running = true;
  const loops = Object.entries(probes).map(async ([kind, probe]) => {
    while (running) {
      const startedAt = Date.now();
      // a probe that throws (a connection reset, say) is an answer too, and not a designed one
      const answer = await probe().catch((error: unknown) => `threw ${error instanceof Error ? error.message : String(error)}`);
      sent.push({ kind, startedAt, endedAt: Date.now(), answer });
      await sleep(pauseMs);
    }
  });
  return {
    sent,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** "kind: answer ×count" per line, for a test's output and its failure messages. */
export function tally(sent: Sent[]): string {
  const counts = new Map<string, number>();
  for (const { kind, answer } of sent) counts.set(`${kind}: ${answer}`, (counts.get(`${kind}: ${answer}`) ?? 0) + 1);
  return [...counts].map(([line, count]) => `${line} ×${count}`).join("\n");
}
