import { describe, expect, it } from "vitest";
import { avatarSchema } from "./avatar";
import { AVATAR_ERRORS, AVATAR_MAX_BYTES } from "./form-constants";

const fileOf = (size: number, name = "me.png") => new File([new Uint8Array(size)], name, { type: "image/png" });
const errorOf = (input: unknown) => {
  const parsed = avatarSchema.safeParse(input);
  return parsed.success ? undefined : parsed.error.issues.map((issue) => issue.message);
};

describe("avatarSchema", () => {
  it("accepts a file up to 2 MB and nothing else sent along", () => {
    const file = fileOf(AVATAR_MAX_BYTES);
    expect(avatarSchema.parse({ avatar: file, userId: "someone-else" })).toEqual({ avatar: file });
    expect(avatarSchema.parse({ avatar: fileOf(10) }).avatar.size).toBe(10);
  });

  it("refuses a missing or empty file with a prompt to choose one", () => {
    expect(errorOf({})).toEqual([AVATAR_ERRORS.empty]);
    // what a browser sends for a file input left empty: a nameless file of no bytes
    expect(errorOf({ avatar: new File([], "", { type: "application/octet-stream" }) })).toEqual([AVATAR_ERRORS.empty]);
  });

  it("refuses a file over 2 MB", () => {
    expect(errorOf({ avatar: fileOf(AVATAR_MAX_BYTES + 1) })).toEqual([AVATAR_ERRORS.tooBig]);
  });

  it("refuses text, and several files where one is expected", () => {
    expect(errorOf({ avatar: "me.png" })).toHaveLength(1);
    expect(errorOf({ avatar: [fileOf(10), fileOf(10)] })).toHaveLength(1);
  });
});
