import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isCommonPassword } from "./common-passwords";
import { normalizePassword, PASSWORD_MAX_LENGTH, passwordLength, passwordProblem } from "./password-policy";

const MIN = 12;
const check = (password: string, context = {}) => passwordProblem(password, context, { minLength: MIN, isCommon: isCommonPassword });
const TOO_LONG = "Use at most 1,024 characters.";

describe("length", () => {
  it("counts ASCII characters: 11 rejected, 12 accepted", () => {
    expect(check("Kq7!vPz2#mW")).toBe("Use at least 12 characters.");
    expect(check("Kq7!vPz2#mWx")).toBeUndefined();
  });

  it("counts code points, so an emoji is one character", () => {
    expect(passwordLength("😀".repeat(12))).toBe(12);
    expect(check("😀".repeat(12))).toBeUndefined();
    expect(check("😀".repeat(11))).toBe("Use at least 12 characters.");
  });

  it("counts after NFKC: e + combining accent is one character", () => {
    expect(passwordLength("Cafe\u0301")).toBe(4);
  });

  it.each([
    ["64 × 密", "密".repeat(64)],
    ["64 × 😀", "😀".repeat(64)],
    ["64 × a", "a".repeat(64)],
    ["64 ASCII", "zq".repeat(32)],
    ["lower-case passphrase", "correcthorsebatterystaplepaper"],
    ["spaces", "correct horse battery staple"],
    ["20 random characters", "vT9#qLm2$Xe8!rBn4@Wk"],
  ])("accepts %s", (_label, password) => {
    expect(check(password)).toBeUndefined();
  });

  it("rejects 1,025 characters and accepts 1,024", () => {
    expect(check("x9".repeat(512) + "y")).toBe(TOO_LONG);
    expect(check("x9".repeat(512))).toBeUndefined();
    expect(check("😀".repeat(PASSWORD_MAX_LENGTH + 1))).toBe(TOO_LONG);
  });

  it("rejects a 100,000-character input with the max-length message", () => {
    expect(check("a".repeat(100_000))).toBe(TOO_LONG);
    expect(check("😀".repeat(50_000))).toBe(TOO_LONG);
  });
});

describe("common passwords", () => {
  const file = path.join(import.meta.dirname, "common-passwords.txt");
  const lines = fs.readFileSync(file, "utf8").split("\n");
  const list = lines.slice(lines.findIndex((line) => !line.startsWith("#"))).filter((line) => line !== "");

  it("ships at least 3,000 entries that meet the length policy", () => {
    expect(list.filter((line) => line.length >= MIN).length).toBeGreaterThan(3_000);
  });

  it.each(list.filter((line) => line.length >= MIN).slice(0, 5))("rejects %s as common", (password) => {
    expect(check(password)).toMatch(/one of the most common passwords.*easy to guess/);
  });

  it("matches case-insensitively and after NFKC", () => {
    expect(isCommonPassword("1QAZ2WSX3EDC")).toBe(true);
    expect(normalizePassword("１ｑａｚ２ｗｓｘ３ｅｄｃ")).toBe("1qaz2wsx3edc");
    expect(check("１ｑａｚ２ｗｓｘ３ｅｄｃ")).toMatch(/most common/);
    expect(isCommonPassword("ｐａｓｓｗｏｒｄ")).toBe(true);
  });

  it("keeps passwords that start with # (only the header is a comment)", () => {
    expect(isCommonPassword("###int_made###")).toBe(true);
    expect(isCommonPassword("# Common passwords")).toBe(false);
  });
});

describe("too close to the user or the app", () => {
  const john = { email: "johnsmith@example.com", name: "John Smith" };

  it.each([
    ["<local><local>", "johnsmithjohnsmith", john],
    ["local part plus digits", "johnsmith2024!!", john],
    ["whole email plus digits", "johnsmith@example.com1", john],
    ["domain plus name", "Example-Smith-1999", john],
    ["name plus digits", "Margaret1984!!", { name: "Margaret" }],
    ["app name", "accountspassword1234", {}],
    ["app name, capitalised", "Accountspassword1234", {}],
    ["dotted local part", "jane.doe.jane.doe", { email: "jane.doe@mail.test" }],
  ])("rejects %s", (_label, password, context) => {
    expect(check(password, context)).toMatch(/too close to/);
  });

  it("names what the password is close to", () => {
    expect(check("johnsmithjohnsmith", john)).toMatch(/your email address/);
    expect(check("Margaret1984!!", { name: "Margaret" })).toMatch(/your name/);
    expect(check("accountspassword1234", {})).toMatch(/the name of this site/);
  });

  it.each([
    ["a short name in a long passphrase", "correct horse battery staple Al", { name: "Al" }],
    ["a name among plenty of other words", "Margaret likes purple giraffes", { name: "Margaret" }],
    ["the local part among other words", "johnsmith rides a blue tractor", john],
    ["a generic word in a sentence", "my password is a blue tractor", {}],
  ])("accepts %s", (_label, password, context) => {
    expect(check(password, context)).toBeUndefined();
  });

  it("does not flag digits-only or emoji passwords that contain no context word", () => {
    expect(check("738291047382", john)).toBeUndefined();
    expect(check("🦊🌲🚲🎻🦊🌲🚲🎻🦊🌲🚲🎻", john)).toBeUndefined();
  });
});
