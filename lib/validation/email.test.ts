import { describe, expect, it } from "vitest";
import { emailSchema, normalizeEmail } from "./email";

describe("normalizeEmail", () => {
  it("trims, composes and lower-cases the whole address", () => {
    expect(normalizeEmail("  Alice@Example.COM ")).toBe("alice@example.com");
    expect(normalizeEmail("Jose\u0301@example.com")).toBe("jos\u00e9@example.com");
  });
});

describe("emailSchema", () => {
  it.each(["Alice@Example.COM", "a.b+tag@sub.example.co.uk", "o'brien@example.ie"])("accepts %s", (email) => {
    expect(emailSchema.parse(email)).toBe(normalizeEmail(email));
  });

  it.each([
    ["", "empty"],
    ["alice", "no @"],
    ["a@b@example.com", "two @"],
    ['"x@evil.test"@example.com', "a quoted local part"],
    ["alice\uff20example.com", "a full-width @"],
    ["a\r\nbcc:x@y.test", "CR/LF"],
    ["a b@example.com", "a space"],
    [`${"a".repeat(250)}@example.com`, "too long"],
  ])("rejects %j (%s)", (email) => {
    expect(emailSchema.safeParse(email).success).toBe(false);
  });

  it("rejects what is not a string", () => {
    for (const value of [undefined, null, 42, ["a@b.test"], { email: "a@b.test" }]) {
      expect(emailSchema.safeParse(value).success).toBe(false);
    }
  });
});
