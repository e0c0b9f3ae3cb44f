import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { formAction, formFields, UNEXPECTED } from "./actions";

const form = (entries: [string, string | Blob][]) => {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
};

describe("formFields", () => {
  it("keeps single text fields, makes repeated ones arrays, drops files and Next.js fields", () => {
    const fields = formFields(
      form([
        ["email", "a@b.test"],
        ["tag", "1"],
        ["tag", "2"],
        ["avatar", new Blob(["x"])],
        ["$ACTION_ID_abc", ""],
      ]),
    );
    expect(fields).toEqual({ email: "a@b.test", tag: ["1", "2"] });
  });
});

describe("formAction", () => {
  const schema = z.object({ name: z.string().min(1, "Enter a name.") });

  it("returns field errors and the kept values when the schema refuses", async () => {
    const run = vi.fn();
    const action = formAction(schema, run, { keep: ["name", "other"] });
    const result = await action(null, form([["name", ""], ["other", "x"], ["password", "secret"]]));
    expect(result).toMatchObject({ ok: false, fieldErrors: { name: ["Enter a name."] }, values: { name: "", other: "x" } });
    expect(JSON.stringify(result)).not.toContain("secret");
    expect(run).not.toHaveBeenCalled();
  });

  it("refuses an array where a string is expected", async () => {
    const result = await formAction(schema, vi.fn())(null, form([["name", "a"], ["name", "b"]]));
    expect(result.ok).toBe(false);
  });

  it("passes parsed input to the use-case and returns its result", async () => {
    const action = formAction(schema, async ({ name }) => ({ ok: true as const, data: name.toUpperCase() }));
    expect(await action(null, form([["name", "ada"]]))).toEqual({ ok: true, data: "ADA" });
  });

  it("answers an unexpected error generically, without its message", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const action = formAction(schema, async () => {
      throw new Error("connect ECONNREFUSED 10.0.0.1:5432 at /srv/app/node_modules/x.js");
    });
    const result = await action(null, form([["name", "ada"]]));
    expect(result).toMatchObject({ ok: false, error: UNEXPECTED });
    expect(JSON.stringify(result)).not.toContain("ECONNREFUSED");
  });
});
