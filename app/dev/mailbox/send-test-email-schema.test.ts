import { describe, expect, it } from "vitest";
import { NOTE_MAX_LENGTH } from "./send-test-email-fields";
import { sendTestEmailSchema } from "./send-test-email-schema";

function errorsOf(input: unknown) {
  const result = sendTestEmailSchema.safeParse(input);
  return result.success ? undefined : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}

describe("sendTestEmailSchema", () => {
  it("trims, and defaults the note to empty", () => {
    expect(sendTestEmailSchema.parse({ to: "  you@example.test " })).toEqual({ to: "you@example.test", note: "" });
  });

  it("asks for an address once when the field is empty or missing", () => {
    expect(errorsOf({ to: "  " })).toEqual(["to: Enter the address to send to."]);
    expect(errorsOf({})).toEqual(["to: Enter the address to send to."]);
  });

  it("rejects what is not an email address", () => {
    expect(errorsOf({ to: "bad@x" })).toEqual(["to: Enter an email address like you@example.test."]);
  });

  it("limits the note", () => {
    expect(errorsOf({ to: "you@example.test", note: "x".repeat(NOTE_MAX_LENGTH) })).toBeUndefined();
    expect(errorsOf({ to: "you@example.test", note: "x".repeat(NOTE_MAX_LENGTH + 1) })).toEqual([`note: Keep the note to ${NOTE_MAX_LENGTH} characters or fewer.`]);
  });
});
