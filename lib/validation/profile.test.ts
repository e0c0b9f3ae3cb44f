import { describe, expect, it } from "vitest";
import { BIO_MAX_LENGTH, NAME_MAX_LENGTH } from "./form-constants";
import { profileSchema } from "./profile";

const issuesOf = (input: unknown) => {
  const parsed = profileSchema.safeParse(input);
  return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join("."), issue.message]));
};

/** Every C0 control but tab and line feed, DEL, and the C1 controls (U+0080–U+009F). */
const CONTROLS = ["\u0000", "\u0007", "\u0008", "\u000b", "\u000c", "\u001b", "\u007f", "\u0080", "\u0085", "\u009b", "\u009f"];
/** Test titles name a control by its code point: printed raw, some would restyle the terminal. */
const named = (controls: string[]) => controls.map((control) => [`U+${(control.codePointAt(0) ?? 0).toString(16).padStart(4, "0").toUpperCase()}`, control]);

describe("profileSchema", () => {
  it("keeps only the name and bio, trimmed", () => {
    const parsed = profileSchema.parse({
      name: "  Ada Lovelace ",
      bio: "  Writes notes.  ",
      email: "mallory@example.test",
      id: "someone-else",
      image: "https://evil.test/x.png",
      pendingEmail: "x@evil.test",
    });
    expect(parsed).toEqual({ name: "Ada Lovelace", bio: "Writes notes." });
  });

  it("treats a missing bio as an empty one", () => {
    expect(profileSchema.parse({ name: "Ada" })).toEqual({ name: "Ada", bio: "" });
  });

  describe("the name", () => {
    it.each(["", "   ", "\t"])("is required: %j is refused", (name) => {
      expect(issuesOf({ name, bio: "" })).toEqual({ name: "Enter your name." });
    });

    it(`may have ${NAME_MAX_LENGTH} characters, not more (after trimming)`, () => {
      expect(profileSchema.parse({ name: ` ${"a".repeat(NAME_MAX_LENGTH)} ` }).name).toHaveLength(NAME_MAX_LENGTH);
      expect(issuesOf({ name: "a".repeat(NAME_MAX_LENGTH + 1) })).toEqual({ name: `Use at most ${NAME_MAX_LENGTH} characters.` });
    });

    it.each(named([...CONTROLS, "\n", "\r"]))("refuses the control character %s inside it", (_code, control) => {
      expect(issuesOf({ name: `Ada${control}Lovelace` })).toEqual({ name: "Use letters, spaces and punctuation only." });
    });

    it("accepts letters of any script and punctuation", () => {
      for (const name of ["José Ñúñez", "O'Brien-Smith", "李小龍", "Zoë (she/her)"]) expect(profileSchema.parse({ name }).name).toBe(name);
    });
  });

  describe("the bio", () => {
    it("keeps line breaks and tabs, and turns CRLF and CR into LF", () => {
      expect(profileSchema.parse({ name: "Ada", bio: "one\r\ntwo\rthree\n\tfour" }).bio).toBe("one\ntwo\nthree\n\tfour");
    });

    it(`may have ${BIO_MAX_LENGTH} characters, counted after CRLF became LF`, () => {
      // 501 characters as typed in a browser, 500 once the CRLF is one line break
      const typed = `${"a".repeat(BIO_MAX_LENGTH - 2)}\r\nb`;
      expect(typed).toHaveLength(BIO_MAX_LENGTH + 1);
      expect(profileSchema.parse({ name: "Ada", bio: typed }).bio).toHaveLength(BIO_MAX_LENGTH);
      expect(issuesOf({ name: "Ada", bio: "a".repeat(BIO_MAX_LENGTH + 1) })).toEqual({ bio: `Use at most ${BIO_MAX_LENGTH} characters.` });
    });

    it.each(named(CONTROLS))("refuses the control character %s", (_code, control) => {
      expect(issuesOf({ name: "Ada", bio: `Hello${control}there` })).toEqual({ bio: "Use letters, spaces, punctuation and line breaks only." });
    });
  });

  it("refuses arrays and other non-text values for either field", () => {
    expect(Object.keys(issuesOf({ name: ["Ada", "Eve"], bio: "" }))).toEqual(["name"]);
    expect(Object.keys(issuesOf({ name: "Ada", bio: ["one", "two"] }))).toEqual(["bio"]);
    expect(Object.keys(issuesOf({ name: 42, bio: { text: "x" } })).sort()).toEqual(["bio", "name"]);
  });
});
