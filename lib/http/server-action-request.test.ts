import { describe, expect, it } from "vitest";
import { isPlainValue, mayBeServerAction, serverActionRefusal } from "./server-action-request";

const ID = "7f0924ca5a5ed6034c4eed36b12e0dabb77b551e1a";
const known = new Set([ID]);
const multipart = { "content-type": "multipart/form-data; boundary=x" };

const form = (entries: [string, string | Blob][]) => {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
};
const refusal = (headers: Record<string, string>, body: FormData | string | null, ids: ReadonlySet<string> | null = known) =>
  serverActionRefusal(new Headers(headers), body, ids)?.status ?? "passes";

const stateForm = (meta: string, bound = "[null]", extra: [string, string][] = []) =>
  form([["$ACTION_REF_1", ""], ["$ACTION_1:0", meta], ["$ACTION_1:1", bound], ["$ACTION_KEY", "k1"], ["email", "a@b.test"], ...extra]);

describe("mayBeServerAction", () => {
  it("is any post with the Next-Action header or a multipart body, as Next.js decides", () => {
    expect(mayBeServerAction(new Headers({ "next-action": "x" }))).toBe(true);
    expect(mayBeServerAction(new Headers(multipart))).toBe(true);
    expect(mayBeServerAction(new Headers({ "content-type": "application/x-www-form-urlencoded" }))).toBe(false);
  });
});

describe("fence 8: serverActionRefusal, forms posted without JavaScript", () => {
  it("passes a plain action's form and a useActionState form as the pages render them", () => {
    expect(
      refusal(
        multipart,
        form([
          [`$ACTION_ID_${ID}`, ""],
          ["x", "1"],
        ]),
      ),
    ).toBe("passes");
    expect(refusal(multipart, stateForm(JSON.stringify({ id: ID, bound: "$@1" })))).toBe("passes");
  });

  it("answers 400 for a multipart post with no action in it, which Next.js would refuse with a stack trace in the log", () => {
    expect(refusal(multipart, form([["email", "a@b.test"]]))).toBe(400);
    expect(refusal(multipart, form([]))).toBe(400);
  });

  it("answers 404 for an id this build does not have", () => {
    expect(refusal(multipart, form([["$ACTION_ID_7fffffffffffffffffffffffffffffffffffffffff", ""]]))).toBe(404);
    expect(refusal(multipart, stateForm(JSON.stringify({ id: "nope", bound: "$@1" })))).toBe(404);
  });

  it.each([
    ["an unreadable body", null],
    [
      "two action ids",
      form([
        [`$ACTION_ID_${ID}`, ""],
        ["$ACTION_ID_abc", ""],
      ]),
    ],
    [
      "an action id twice",
      form([
        [`$ACTION_ID_${ID}`, ""],
        [`$ACTION_ID_${ID}`, ""],
      ]),
    ],
    ["metadata that is not JSON", stateForm('{"id":')],
    ["bound arguments that reference other parts", stateForm(JSON.stringify({ id: ID, bound: "$@1" }), '["$K1"]')],
    ["bound arguments pointing elsewhere", stateForm(JSON.stringify({ id: ID, bound: "$@9" }))],
    ["more bound arguments than the state", stateForm(JSON.stringify({ id: ID, bound: "$@1" }), "[null,1]")],
    [
      "a part of the action's encoding missing",
      form([
        ["$ACTION_REF_1", ""],
        ["$ACTION_1:0", JSON.stringify({ id: ID, bound: "$@1" })],
      ]),
    ],
    ["another encoded part", stateForm(JSON.stringify({ id: ID, bound: "$@1" }), "[null]", [["$ACTION_1:2", "[]"]])],
    ["metadata not written as React writes it", stateForm(JSON.stringify({ bound: "$@1", id: ID }))],
    ["metadata whose id is escaped (Next.js reads the text, not the JSON)", stateForm(`{"id":"\\u00${ID.charCodeAt(0).toString(16)}${ID.slice(1)}","bound":"$@1"}`)],
    [
      "an action key with no action",
      form([
        ["$ACTION_KEY", "k1"],
        ["email", "a@b.test"],
      ]),
    ],
  ])("answers 400 for %s", (_case, body) => {
    expect(refusal(multipart, body)).toBe(400);
  });
});

describe("fence 9: serverActionRefusal, the Origin and the host", () => {
  const post = (headers: Record<string, string>) => refusal({ ...multipart, ...headers }, form([[`$ACTION_ID_${ID}`, ""]]));

  it("passes an Origin naming the host Next.js compares it with: the first X-Forwarded-Host, else Host", () => {
    expect(post({ origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" })).toBe("passes");
    expect(post({ origin: "https://app.example", host: "10.0.0.5:3000", "x-forwarded-host": "app.example, proxy.internal" })).toBe("passes");
  });

  it("answers 400 for an Origin naming another host, which Next.js would answer with 500 and an error in the log", () => {
    expect(post({ origin: "http://localhost:3000", host: "127.0.0.1:3000" })).toBe(400);
    expect(post({ origin: "http://127.0.0.1:3000", host: "evil.test" })).toBe(400);
    expect(post({ origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000", "x-forwarded-host": "evil.test" })).toBe(400);
  });
});

describe("fence 8: serverActionRefusal, calls made by JavaScript", () => {
  const call = (root: string, fields: [string, string][] = [["_1_email", "a@b.test"]]) => form([["0", root], ...fields]);

  it("passes the form with and without a previous state", () => {
    expect(refusal({ ...multipart, "next-action": ID }, call('[null,"$K1"]'))).toBe("passes");
    expect(refusal({ ...multipart, "next-action": ID }, call('["$K1"]'))).toBe("passes");
    const previous = { ok: false, error: "Please fix", fieldErrors: { email: ["x"], password: "$undefined" }, values: { email: "$$typed" } };
    expect(refusal({ ...multipart, "next-action": ID }, call(JSON.stringify([previous, "$K1"])))).toBe("passes");
  });

  it("passes a button's form, which has no fields", () => {
    expect(refusal({ ...multipart, "next-action": ID }, form([["0", '[null,"$K1"]']]))).toBe("passes");
  });

  it("refuses the text [] an action that takes no arguments would be called with: none of ours does", () => {
    expect(refusal({ "content-type": "text/plain;charset=UTF-8", "next-action": ID }, "[]")).toBe(400);
    expect(refusal({ "content-type": "text/plain;charset=UTF-8", "next-action": ID }, '["x"]')).toBe(400);
  });

  it("answers 404 for an unknown id, and checks only its shape where the build's ids are not known", () => {
    expect(refusal({ ...multipart, "next-action": "7f".padEnd(42, "0") }, call('["$K1"]'))).toBe(404);
    expect(refusal({ ...multipart, "next-action": "7f".padEnd(42, "0") }, call('["$K1"]'), null)).toBe("passes");
    expect(refusal({ ...multipart, "next-action": "../x" }, call('["$K1"]'), null)).toBe(404);
  });

  it.each([
    ["an unreadable body", {}, null],
    ["a text body", {}, '[{"email":"a"}]'],
    ["no root part", multipart, form([["_1_email", "a"]])],
    ["a root that is not JSON", multipart, call("[")],
    ["a root that is not the form", multipart, call('[null,{"email":"a"}]')],
    ["too many arguments", multipart, call(JSON.stringify([...Array(2000).fill(null), "$K1"]))],
    ["a state that references other parts", multipart, call('["$@2","$K1"]')],
    ["fields outside the form", multipart, call('["$K1"]', [["email", "a"]])],
  ])("answers 400 for %s", (_case, headers, body) => {
    expect(refusal({ ...headers, "next-action": ID }, body)).toBe(400);
  });
});

describe("isPlainValue", () => {
  it("takes JSON that decodes to itself, and refuses references, deep nesting and __proto__", () => {
    expect(isPlainValue({ a: [1, "x", null, true, "$$y", "$undefined"] })).toBe(true);
    expect(isPlainValue("$Q1")).toBe(false);
    expect(isPlainValue(JSON.parse('{"__proto__":{"x":1}}'))).toBe(false);
    expect(isPlainValue(JSON.parse(`${"[".repeat(20)}${"]".repeat(20)}`))).toBe(false);
  });
});
