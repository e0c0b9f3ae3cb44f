import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BackgroundRetries } from "./background-retries";

describe("BackgroundRetries", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("tries after the first delay, then after doubling waits up to the ceiling, until the work succeeds", async () => {
    const retries = new BackgroundRetries({ firstDelayMs: 1_000, maxDelayMs: 3_000 });
    let failures = 4;
    const work = vi.fn(async () => {
      if (failures-- > 0) throw new Error("database away");
    });
    retries.add("session", work);
    expect(retries.has("session")).toBe(true);

    // waits of 1 s, 2 s, then 3 s (the ceiling, not 4 s), 3 s and 3 s
    for (const [wait, calls] of [
      [999, 0],
      [1, 1],
      [1_999, 1],
      [1, 2],
      [2_999, 2],
      [1, 3],
      [3_000, 4],
    ] as const) {
      await vi.advanceTimersByTimeAsync(wait);
      expect(work).toHaveBeenCalledTimes(calls);
    }
    expect(retries.has("session")).toBe(true);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(work).toHaveBeenCalledTimes(5);
    expect(retries.has("session")).toBe(false);
    expect(retries.size).toBe(0);

    await vi.advanceTimersByTimeAsync(60_000);
    expect(work).toHaveBeenCalledTimes(5);
  });

  it("keeps one chain per key: the same key added again while waiting adds no second one", async () => {
    const retries = new BackgroundRetries({ firstDelayMs: 100, maxDelayMs: 100 });
    const first = vi.fn(async () => {});
    const second = vi.fn(async () => {});
    retries.add("a", first);
    retries.add("a", second);
    retries.add("b", second);
    expect(retries.size).toBe(2);
    await vi.advanceTimersByTimeAsync(100);
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(1);
    expect(retries.size).toBe(0);
  });

  it("leaves the process free to exit while it waits", () => {
    const retries = new BackgroundRetries({ firstDelayMs: 100, maxDelayMs: 100 });
    const timers = vi.spyOn(globalThis, "setTimeout");
    retries.add("a", async () => {});
    const timer = timers.mock.results[0]?.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    timers.mockRestore();
  });
});
