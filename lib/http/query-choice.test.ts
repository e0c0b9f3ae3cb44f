import { describe, expect, it } from "vitest";
import { isEntryOf } from "./query-choice";

const NOTICES = { avatar: "Your new picture was saved." };

describe("isEntryOf", () => {
  it("takes the table's own entries", () => {
    expect(isEntryOf(NOTICES, "avatar")).toBe(true);
  });

  it("refuses inherited names, other names, arrays and nothing", () => {
    for (const value of ["__proto__", "constructor", "toString", "hasOwnProperty", "Avatar", "", ["avatar"], undefined, null]) {
      expect(isEntryOf(NOTICES, value), String(value)).toBe(false);
    }
  });
});
