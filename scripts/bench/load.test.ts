import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { closedLoop, percentile } from "./load";

describe("percentile", () => {
  it("is the nearest rank: the smallest value with at least p% of the values at or below it", () => {
    const values = Array.from({ length: 10 }, (_, index) => index + 1);
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 90)).toBe(9);
    expect(percentile(values, 99)).toBe(10);
    expect(percentile(values, 100)).toBe(10);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile([7], 99)).toBe(7);
  });

  it("is NaN for no values, never a made-up number", () => {
    expect(percentile([], 50)).toBeNaN();
  });
});

describe("closedLoop", () => {
  it("keeps exactly `concurrency` steps in flight, and stop() waits for them", async () => {
    let inFlight = 0;
    let most = 0;
    let finished = 0;
    const clients = closedLoop(3, async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await sleep(5);
      inFlight--;
      finished++;
    });
    await sleep(40);
    await clients.stop();
    expect(most).toBe(3);
    expect(inFlight).toBe(0);
    const after = finished;
    await sleep(20);
    expect(finished).toBe(after);
  });
});
