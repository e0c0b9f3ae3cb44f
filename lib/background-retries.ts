// Work the database could not do when it was asked, tried again in the
// background until it can: one chain of attempts per key, each wait twice
// the last (up to a ceiling), with no log line per failed attempt (the caller
// logged the first failure and logs the success). In memory only: the
// attempts end with the process.

import { backoffCeilingMs } from "./backoff";

export type RetryPolicy = { firstDelayMs: number; maxDelayMs: number };

export class BackgroundRetries {
  readonly #pending = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly policy: RetryPolicy) {}

  /** Runs `work` after the first delay, and again after each failure, until it succeeds. A key already waiting is left as it is. */
  add(key: string, work: () => Promise<void>): void {
    if (this.#pending.has(key)) return;
    const attempt = (failures: number) => {
      const delay = backoffCeilingMs(failures + 1, this.policy.firstDelayMs, this.policy.maxDelayMs);
      const timer = setTimeout(() => {
        work().then(
          () => this.#pending.delete(key),
          () => attempt(failures + 1),
        );
      }, delay);
      timer.unref(); // a retry waiting never keeps the process alive
      this.#pending.set(key, timer);
    };
    attempt(0);
  }

  /** Whether `key`'s work has not succeeded yet. */
  has(key: string): boolean {
    return this.#pending.has(key);
  }

  get size(): number {
    return this.#pending.size;
  }
}
