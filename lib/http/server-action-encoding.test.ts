// Fence 8 against React's own encoder: the requests a browser sends for this
// app's forms, written by the React that Next.js bundles and runs the app
// with, must pass the shape check. The day React writes them otherwise, this
// fails here, rather than every real form being answered 400.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { serverActionRefusal } from "./server-action-request";

type FormAction = { name: string; data: FormData | null };
type ServerReference = {
  bind: (self: null, ...args: unknown[]) => ServerReference;
  /** what React's server renderer asks a form's action for, to write its hidden fields */
  $$FORM_ACTION: (prefix: string) => FormAction;
};
type FlightClient = {
  encodeReply: (value: unknown) => Promise<FormData | string>;
  createServerReference: (id: string, callServer: () => Promise<unknown>) => ServerReference;
};

const flight = createRequire(import.meta.url)("next/dist/compiled/react-server-dom-turbopack/client.node.js") as FlightClient;

const ID = "7f0924ca5a5ed6034c4eed36b12e0dabb77b551e1a";
const HOST = "127.0.0.1:3000";
const POSTED = { "content-type": "multipart/form-data; boundary=x", origin: `http://${HOST}`, host: HOST };
const refusal = (headers: Record<string, string>, body: FormData | string) => serverActionRefusal(new Headers(headers), body, new Set([ID]))?.status ?? "passes";

const fields = () => {
  const form = new FormData();
  form.append("email", "someone@example.test");
  form.append("password", "a long enough password");
  return form;
};
/** A failed attempt as the actions return it, with the values typed, one of which starts with "$". */
const PREVIOUS = { ok: false, error: "Please fix the highlighted fields.", fieldErrors: { email: ["Enter an email address."] }, values: { email: "$omeone" } };

/** The hidden fields React writes into a form, then the fields the person filled in, as the browser posts them. */
async function formPostOf(reference: ServerReference): Promise<FormData> {
  let action: FormAction;
  try {
    action = reference.$$FORM_ACTION("1");
  } catch (pending) {
    await pending; // bound arguments are encoded first
    action = reference.$$FORM_ACTION("1");
  }
  const posted = new FormData();
  posted.append(action.name, "");
  for (const [name, value] of action.data ?? []) posted.append(name, value);
  // what React's server renderer adds for a useActionState form
  if (action.data) posted.append("$ACTION_KEY", "k0123456789abcdef");
  for (const [name, value] of fields()) posted.append(name, value);
  return posted;
}

describe("fence 8: React's own encoding of this app's forms passes the shape check", () => {
  it("a useActionState form posted without JavaScript, first and after a failed attempt", async () => {
    const action = flight.createServerReference(ID, async () => undefined);
    expect(refusal(POSTED, await formPostOf(action.bind(null, null)))).toBe("passes");
    expect(refusal(POSTED, await formPostOf(action.bind(null, PREVIOUS)))).toBe("passes");
  });

  it("a plain action's form posted without JavaScript", async () => {
    const posted = await formPostOf(flight.createServerReference(ID, async () => undefined));
    expect([...posted.keys()]).toContain(`$ACTION_ID_${ID}`);
    expect(refusal(POSTED, posted)).toBe("passes");
  });

  it("a call made by JavaScript, with and without the previous state", async () => {
    for (const args of [[null, fields()], [PREVIOUS, fields()], [fields()]]) {
      const body = await flight.encodeReply(args);
      expect(body).toBeInstanceOf(FormData);
      expect(refusal({ ...POSTED, "next-action": ID }, body)).toBe("passes");
    }
  });

  it("refuses React's encoding of arguments the app's actions never take", async () => {
    const body = await flight.encodeReply([fields(), new Date(0)]);
    expect(refusal({ ...POSTED, "next-action": ID }, body)).toBe(400);
  });
});
