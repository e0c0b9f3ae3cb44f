import { describe, expect, it } from "vitest";
import { PASSWORD_MAX_LENGTH } from "@/lib/auth/password-policy";
import { changeEmailSchema, currentPasswordOnlySchema, endSessionsSchema } from "./account-settings";
import { ALL_OTHER_SESSIONS } from "./form-constants";

const PASSWORD = "tangerine bicycle orchestra";
const SESSION_ID = "cm4x9k2lq0000abcd1234efgh"; // a cuid, as Prisma makes session ids
const pathsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => (result.error?.issues ?? []).map((issue) => issue.path.join("."));

describe("changeEmailSchema", () => {
  it("normalises the new address and keeps only the two fields", () => {
    expect(changeEmailSchema.parse({ newEmail: "  Ada@Example.ORG ", currentPassword: PASSWORD, userId: "x" })).toEqual({
      newEmail: "ada@example.org",
      currentPassword: PASSWORD,
    });
  });

  it("refuses a malformed address, a missing password and arrays", () => {
    expect(pathsOf(changeEmailSchema.safeParse({ newEmail: "not an address", currentPassword: PASSWORD }))).toEqual(["newEmail"]);
    expect(pathsOf(changeEmailSchema.safeParse({ newEmail: "a@example.org", currentPassword: "" }))).toEqual(["currentPassword"]);
    expect(pathsOf(changeEmailSchema.safeParse({ newEmail: "a@example.org" }))).toEqual(["currentPassword"]);
    expect(pathsOf(changeEmailSchema.safeParse({ newEmail: ["a@example.org", "b@example.org"], currentPassword: PASSWORD }))).toEqual(["newEmail"]);
  });
});

describe("endSessionsSchema", () => {
  it("accepts one session's id or all the others", () => {
    for (const session of [ALL_OTHER_SESSIONS, SESSION_ID]) {
      expect(endSessionsSchema.parse({ session, currentPassword: PASSWORD, userId: "x" })).toEqual({ session, currentPassword: PASSWORD });
    }
  });

  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["upper case", "CM4X9K2LQ0000ABCD1234EFGH"],
    ["with a quote", `${SESSION_ID}'`],
    ["a token-like id", "abc-def_ghi"],
    ["too long", "a".repeat(41)],
    ["an array", [SESSION_ID, SESSION_ID]],
  ])("refuses a session that is %s", (_what, session) => {
    const parsed = endSessionsSchema.safeParse({ session, currentPassword: PASSWORD });
    expect(pathsOf(parsed)).toEqual(["session"]);
    expect(parsed.error?.issues[0]?.message).toBe("Choose a session to end.");
  });

  it("needs the current password", () => {
    expect(pathsOf(endSessionsSchema.safeParse({ session: ALL_OTHER_SESSIONS }))).toEqual(["currentPassword"]);
  });
});

describe("currentPasswordOnlySchema", () => {
  it("keeps the password as typed and drops anything else", () => {
    expect(currentPasswordOnlySchema.parse({ currentPassword: `  ${PASSWORD}  `, confirm: "yes" })).toEqual({ currentPassword: `  ${PASSWORD}  ` });
  });

  it("refuses an empty, over-long or repeated password", () => {
    for (const currentPassword of ["", "x".repeat(PASSWORD_MAX_LENGTH + 1), [PASSWORD, PASSWORD], undefined]) {
      expect(pathsOf(currentPasswordOnlySchema.safeParse({ currentPassword }))).toEqual(["currentPassword"]);
    }
  });
});
