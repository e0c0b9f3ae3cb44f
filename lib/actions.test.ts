import { redirect } from "next/navigation";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { buttonAction, formAction, formFields, refusal } from "./actions";
import { SessionUnavailable } from "./auth/unavailable";
import { FIX_FIELDS, UNEXPECTED } from "./form-messages";
import { avatarSchema } from "./validation/avatar";
import { AVATAR_ERRORS } from "./validation/form-constants";

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

  it("keeps files only for the fields named as file fields, and only files there", () => {
    const photo = new File(["png bytes"], "me.png", { type: "image/png" });
    const other = new File(["more"], "other.png", { type: "image/png" });
    const fields = formFields(
      form([
        ["avatar", photo],
        ["avatar", "C:\\fakepath\\me.png"],
        ["gallery", photo],
        ["gallery", other],
        ["name", "Ada"],
        ["name", new File(["x"], "name.txt")],
        ["document", other],
      ]),
      ["avatar", "gallery"],
    );

    expect(Object.keys(fields).sort()).toEqual(["avatar", "gallery", "name"]);
    expect(fields.avatar).toBeInstanceOf(File);
    expect(fields.avatar).toMatchObject({ name: "me.png" });
    expect(fields.gallery).toHaveLength(2);
    expect(fields.name).toBe("Ada");
  });

  it("drops a file field that holds only text, so the schema sees it missing", () => {
    expect(formFields(form([["avatar", "me.png"]]), ["avatar"])).toEqual({});
  });

  it("keeps the empty file a browser sends for a file input left empty", () => {
    const fields = formFields(form([["avatar", new File([], "", { type: "application/octet-stream" })]]), ["avatar"]);
    expect(fields.avatar).toBeInstanceOf(File);
    expect(fields.avatar).toMatchObject({ size: 0 });
  });
});

describe("refusal", () => {
  it("ties the message to its field when the use-case names one", () => {
    expect(refusal({ error: "That isn't your current password.", field: "currentPassword" })).toEqual({
      ok: false,
      error: "That isn't your current password.",
      fieldErrors: { currentPassword: ["That isn't your current password."] },
    });
  });

  it("gives a form-wide message when it names none", () => {
    expect(refusal({ error: "Too many attempts. Try again in 15 minutes." })).toEqual({
      ok: false,
      error: "Too many attempts. Try again in 15 minutes.",
      fieldErrors: undefined,
    });
  });
});

describe("formAction with a file field", () => {
  it("hands the uploaded file to the use-case", async () => {
    const action = formAction(avatarSchema, async ({ avatar }) => ({ ok: true as const, data: `${avatar.name}:${avatar.size}` }), {
      files: ["avatar"],
    });
    expect(await action(null, form([["avatar", new File(["12345"], "me.png")]]))).toEqual({ ok: true, data: "me.png:5" });
  });

  it("refuses text posted in the file field, and files in a field not named as one", async () => {
    const run = vi.fn();
    const withFiles = formAction(avatarSchema, run, { files: ["avatar"], keep: ["avatar"] });
    const withoutFiles = formAction(avatarSchema, run);
    const refused = await withFiles(null, form([["avatar", "me.png"]]));

    expect(refused).toMatchObject({ ok: false, fieldErrors: { avatar: [AVATAR_ERRORS.empty] }, values: {} });
    expect(await withoutFiles(null, form([["avatar", new File(["12345"], "me.png")]]))).toMatchObject({
      ok: false,
      fieldErrors: { avatar: [AVATAR_ERRORS.empty] },
    });
    expect(run).not.toHaveBeenCalled();
  });
});

describe("formAction", () => {
  const schema = z.object({ name: z.string().min(1, "Enter a name.") });

  it("returns field errors and the kept values when the schema refuses", async () => {
    const run = vi.fn();
    const action = formAction(schema, run, { keep: ["name", "other"] });
    const result = await action(
      null,
      form([
        ["name", ""],
        ["other", "x"],
        ["password", "secret"],
      ]),
    );
    expect(result).toMatchObject({ ok: false, fieldErrors: { name: ["Enter a name."] }, values: { name: "", other: "x" } });
    expect(JSON.stringify(result)).not.toContain("secret");
    expect(run).not.toHaveBeenCalled();
  });

  it("refuses an array where a string is expected", async () => {
    const result = await formAction(schema, vi.fn())(
      null,
      form([
        ["name", "a"],
        ["name", "b"],
      ]),
    );
    expect(result.ok).toBe(false);
  });

  it("refuses a call whose arguments are not (previous state, form), without running or logging", async () => {
    const run = vi.fn();
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const action = formAction(schema, run) as (...args: unknown[]) => Promise<unknown>;
    // a plain action's form field calls it with the form alone; a JavaScript call can send any values
    for (const args of [[form([["name", "ada"]])], [null, { name: "ada" }], [null, "name=ada"], []]) {
      expect(await action(...args)).toEqual({ ok: false, error: FIX_FIELDS });
    }
    expect(run).not.toHaveBeenCalled();
    expect(logged).not.toHaveBeenCalled();
    logged.mockRestore();
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

describe("buttonAction", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });
  // what a button's form posts: React's own fields only, with or without JavaScript
  const pressed = () => form([["$ACTION_KEY", "k0"]]);

  it("runs on a press, whatever else came with it, and returns the run's result", async () => {
    const run = vi.fn(async () => ({ ok: true as const, data: "done" }));
    const action = buttonAction(run);
    expect(await action(null, pressed())).toEqual({ ok: true, data: "done" });
    expect(await action(null, form([["name", "x"]]))).toEqual({ ok: true, data: "done" });
    expect(run).toHaveBeenCalledTimes(2);
    expect(run).toHaveBeenCalledWith();
  });

  it("lets a redirect through: it is how a button's action ends when it worked", async () => {
    const action = buttonAction(async () => redirect("/profile/edit?updated=avatar-removed"));
    await expect(action(null, pressed())).rejects.toMatchObject({ digest: expect.stringContaining("NEXT_REDIRECT") });
  });

  it("answers a fault with the generic message and one log line, never the error's text", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const action = buttonAction(async () => {
      throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
    });
    const result = await action(null, pressed());
    expect(result).toEqual({ ok: false, error: UNEXPECTED, values: {} });
    expect(JSON.stringify(result)).not.toContain("ECONNREFUSED");
    expect(logged).toHaveBeenCalledTimes(1);
    expect(JSON.parse(String(logged.mock.calls[0]?.[0]))).toMatchObject({ level: "error", event: "action_failed", error: "Error" });
  });

  it("answers a session the database could not check generically, without logging it again", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const action = buttonAction(async () => {
      throw new SessionUnavailable();
    });
    expect(await action(null, pressed())).toEqual({ ok: false, error: UNEXPECTED, values: {} });
    expect(logged).not.toHaveBeenCalled();
  });
});
