import { describe, expect, it } from "vitest";
import { DEFAULT_MIX, formatMix, mixSchedule, parseMix, type Operation } from "./mix";

const picks = (next: () => Operation, count: number) => Array.from({ length: count }, next);
const tally = (operations: Operation[]) => operations.reduce<Record<string, number>>((counts, op) => ({ ...counts, [op]: (counts[op] ?? 0) + 1 }), {});

describe("parseMix", () => {
  it("reads weights and leaves the operations not named out", () => {
    expect(parseMix("register:2, sign-in:5")).toEqual({ register: 2, "sign-in": 5, "wrong-password": 0 });
    expect(parseMix(formatMix(DEFAULT_MIX))).toEqual(DEFAULT_MIX);
  });

  it("refuses unknown operations, weights that are not whole numbers, and an all-zero mix", () => {
    expect(() => parseMix("login:1")).toThrow(/unknown operation "login"/);
    expect(() => parseMix("register:1.5")).toThrow(/<operation>:<whole number>/);
    expect(() => parseMix("register")).toThrow(/<operation>:<whole number>/);
    expect(() => parseMix("register:1:2")).toThrow(/<operation>:<whole number>/);
    expect(() => parseMix("register:0,sign-in:0")).toThrow(/every operation a weight of 0/);
  });
});

describe("mixSchedule", () => {
  it("gives each operation exactly its share of every round of picks", () => {
    const next = mixSchedule(DEFAULT_MIX);
    for (let round = 0; round < 3; round++) expect(tally(picks(next, 6))).toEqual({ register: 1, "sign-in": 4, "wrong-password": 1 });
  });

  it("spreads a heavy operation out instead of running it in a block", () => {
    const next = mixSchedule({ register: 1, "sign-in": 1, "wrong-password": 0 });
    expect(picks(next, 4)).toEqual(["register", "sign-in", "register", "sign-in"]);
    const heavy = picks(mixSchedule({ register: 3, "sign-in": 0, "wrong-password": 1 }), 4);
    expect(heavy.indexOf("wrong-password")).toBeGreaterThan(0);
    expect(heavy.indexOf("wrong-password")).toBeLessThan(3);
  });

  it("never picks an operation of weight 0", () => {
    expect(new Set(picks(mixSchedule({ register: 0, "sign-in": 1, "wrong-password": 0 }), 10))).toEqual(new Set(["sign-in"]));
  });
});
