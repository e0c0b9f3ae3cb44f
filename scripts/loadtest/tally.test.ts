import { describe, expect, it } from "vitest";
import { Tally } from "./tally";

const answer = (text: string) => ({ designed: true as const, answer: text });
const failure = (text: string) => ({ designed: false as const, error: text });

/** The table's rows as cells, without the header and the rule. */
const rows = (text: string) =>
  text
    .split("\n")
    .slice(2)
    .map((line) =>
      line
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );

describe("Tally", () => {
  it("counts designed answers and errors apart", () => {
    const tally = new Tally(["register", "sign-in"]);
    tally.record("sign-in", answer("signed in"), 10);
    tally.record("sign-in", failure("sign-in: HTTP 500"), 5);
    tally.record("register", answer("registered"), 20);
    tally.record("sign-in", failure("sign-in: HTTP 500"), 7);
    expect(tally.count("answer")).toBe(2);
    expect(tally.count("error")).toBe(2);
    expect(tally.errorSummary()).toEqual(["2× sign-in: HTTP 500 (in sign-in)"]);
  });

  it("lists operations in the given order, answers before errors, with rates and nearest-rank percentiles", () => {
    const tally = new Tally(["register", "sign-in"]);
    for (let ms = 1; ms <= 100; ms++) tally.record("sign-in", answer("signed in"), ms);
    tally.record("sign-in", failure("timeout"), 60_000);
    tally.record("register", answer("registered"), 300);
    tally.record("register", answer("throttled"), 4);
    tally.record("register", answer("throttled"), 6);
    expect(rows(tally.format(10))).toEqual([
      ["register", "throttled", "2", "0.2", "4", "6", "6", "6"],
      ["register", "registered", "1", "0.1", "300", "300", "300", "300"],
      ["sign-in", "signed in", "100", "10.0", "50", "90", "99", "100"],
      ["sign-in", "ERROR timeout", "1", "0.1", "60000", "60000", "60000", "60000"],
      // 1…100 with 4, 6 and 300 added: the 52nd, 93rd and 102nd of 103 values
      ["all", "designed answers", "103", "10.3", "50", "91", "100", "300"],
      ["all", "errors", "1", "0.1", "60000", "60000", "60000", "60000"],
    ]);
  });

  it("prints dashes, not NaN, where there is nothing to measure", () => {
    expect(rows(new Tally([]).format(0))).toEqual([
      ["all", "designed answers", "0", "—", "—", "—", "—", "—"],
      ["all", "errors", "0", "—", "—", "—", "—", "—"],
    ]);
  });
});
