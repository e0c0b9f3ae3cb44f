import { describe, expect, it } from "vitest";
import { CannotRun } from "../bench/cleanup";
import { DEFAULT_MIX } from "./mix";
import { parseLoadTestOptions } from "./options";

describe("parseLoadTestOptions", () => {
  it("has defaults for a full run and a short one", () => {
    expect(parseLoadTestOptions([])).toEqual({ short: false, durationMs: 20_000, concurrency: 8, mix: DEFAULT_MIX });
    expect(parseLoadTestOptions(["--short"])).toEqual({ short: true, durationMs: 5_000, concurrency: 4, mix: DEFAULT_MIX });
  });

  it("takes duration, concurrency and mix, also on top of --short", () => {
    expect(parseLoadTestOptions(["--duration=30", "--concurrency=16", "--mix=sign-in:1"])).toEqual({
      short: false,
      durationMs: 30_000,
      concurrency: 16,
      mix: { register: 0, "sign-in": 1, "wrong-password": 0 },
    });
    expect(parseLoadTestOptions(["--concurrency=2", "--short"])).toMatchObject({ short: true, durationMs: 5_000, concurrency: 2 });
  });

  it("refuses what it does not understand as a run that cannot start, with the usage", () => {
    for (const args of [
      ["--bogus"],
      ["--duration"],
      ["--duration=0"],
      ["--duration=1.5"],
      ["--duration=3601"],
      ["--concurrency=257"],
      ["--concurrency=-1"],
      ["--mix=nobody:1"],
      ["30"],
    ]) {
      expect(() => parseLoadTestOptions(args), args.join(" ")).toThrow(CannotRun);
      expect(() => parseLoadTestOptions(args), args.join(" ")).toThrow(/usage: npm run loadtest/);
    }
  });
});
