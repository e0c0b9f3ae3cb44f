// Exponential back-off, shared by everything that tries again later: the
// outbox's messages and polls (lib/mail-worker.ts) and work waiting for the
// database (lib/background-retries.ts).
import { randomInt } from "node:crypto";

/** The wait before attempt `attempt` (1 for the first retry): `baseMs`, doubled per attempt, at most `maxMs`. */
export function backoffCeilingMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

/** The same with "equal jitter" (between half the ceiling and all of it), so many retries do not fire together. */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number): number {
  const ceiling = backoffCeilingMs(attempt, baseMs, maxMs);
  return Math.round(ceiling / 2 + randomInt(Math.floor(ceiling / 2) + 1));
}
