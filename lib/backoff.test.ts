import { describe, expect, it } from "vitest";
import { retryDelayMs } from "./backoff";

describe("retryDelayMs", () => {
  it("doubles per attempt with jitter, up to the maximum", () => {
    for (let i = 0; i < 50; i++) {
      const first = retryDelayMs(1, 1_000, 60_000);
      expect(first).toBeGreaterThanOrEqual(500);
      expect(first).toBeLessThanOrEqual(1_000);
      const fourth = retryDelayMs(4, 1_000, 60_000);
      expect(fourth).toBeGreaterThanOrEqual(4_000);
      expect(fourth).toBeLessThanOrEqual(8_000);
      expect(retryDelayMs(30, 1_000, 60_000)).toBeLessThanOrEqual(60_000);
    }
  });
});
