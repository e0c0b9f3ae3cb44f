// Fence 8 (lib/fences.ts): server action requests in the shapes this app's
// pages send, and nothing else. Next.js decodes an action's arguments before
// any of our code runs, and a body it cannot decode (a cut-off form,
// arguments that are not the form, an id no build has) ends there in a 500
// and a stack trace in the log. proxy.ts asks this module first and answers
// those requests itself. server-action-encoding.test.ts checks the shapes
// against the encoder of the React that Next.js bundles.
//
// The shapes (React 19's encoding, as the pages render and post it):
// - without JavaScript, a plain action's form carries `$ACTION_ID_<id>`;
//   a useActionState form carries `$ACTION_REF_<n>`, `$ACTION_<n>:0` =
//   {"id":<id>,"bound":"$@1"}, `$ACTION_<n>:1` = [<previous state>] and `$ACTION_KEY`;
// - with JavaScript, `Next-Action: <id>` and a multipart body whose part "0"
//   is [<previous state>, "$K1"] or ["$K1"] and whose form fields are named `_1_<name>`.
// No action here takes no arguments (a browser would call one with the text `[]`):
// a button's action takes the form too (buttonAction in lib/actions.ts), so its
// failure can be shown, and a text body is refused.

export type ActionRefusal = { status: 400 | 404; message: string };

const NOT_FOUND: ActionRefusal = { status: 404, message: "This form is out of date. Reload the page and try again." };
const MALFORMED: ActionRefusal = { status: 400, message: "The form could not be read. Reload the page and try again." };

/** Could Next.js take this POST for a server action? (It tries every multipart post, and any with the header.) */
export function mayBeServerAction(headers: Headers): boolean {
  return headers.has("next-action") || isMultipart(headers);
}

export function isMultipart(headers: Headers): boolean {
  return (headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
}

/**
 * Why the request must not reach Next.js, or null when it may (an action in
 * one of the shapes above). `body` is the parsed form of a multipart body
 * (null when it could not be parsed), or the text of any other; `knownIds` is
 * null where the build's ids are not known (development).
 */
export function serverActionRefusal(headers: Headers, body: FormData | string | null, knownIds: ReadonlySet<string> | null): ActionRefusal | null {
  const known = (id: unknown) => typeof id === "string" && (knownIds === null ? /^[0-9a-f]{42}$/.test(id) : knownIds.has(id));
  // fence 9: Next.js refuses an action whose Origin names another host than the one it was sent to, logging an
  // error and answering 500; the cross-site check lets through the app's other loopback names, and any Host
  if (!originIsHost(headers)) return MALFORMED;
  const fetchId = headers.get("next-action");
  if (fetchId !== null) {
    if (!known(fetchId)) return NOT_FOUND;
    if (!isMultipart(headers) || !(body instanceof FormData)) return MALFORMED;
    return fetchArgumentsProblem(body) ? MALFORMED : null;
  }
  if (!(body instanceof FormData)) return MALFORMED;
  const form = body;
  // Next.js takes every multipart post to a page (or to a path with no route) for a form action,
  // and answers one with no action in it 400 after logging "Invalid Server Actions request" with a
  // stack trace. No route handler here takes multipart, so none is refused that would have been served.
  const actionKeys = [...new Set(form.keys())].filter((key) => key.startsWith("$ACTION_") && key !== "$ACTION_KEY");
  if (actionKeys.length === 0) return MALFORMED;
  const [first] = actionKeys;
  if (first?.startsWith("$ACTION_ID_")) {
    if (actionKeys.length !== 1 || form.getAll(first).length !== 1) return MALFORMED;
    return known(first.slice("$ACTION_ID_".length)) ? null : NOT_FOUND;
  }
  const ref = /^\$ACTION_REF_(\d{1,3})$/.exec(actionKeys.find((key) => key.startsWith("$ACTION_REF_")) ?? "");
  if (!ref) return MALFORMED;
  const n = ref[1];
  const expected = [`$ACTION_REF_${n}`, `$ACTION_${n}:0`, `$ACTION_${n}:1`];
  if (actionKeys.length !== expected.length || !expected.every((key) => actionKeys.includes(key) && form.getAll(key).length === 1)) return MALFORMED;
  const descriptor = form.get(`$ACTION_${n}:0`);
  const meta = parseJson(descriptor);
  const bound = parseJson(form.get(`$ACTION_${n}:1`));
  // Next.js reads the id from the text itself before it parses it (an escaped character is another id
  // there, refused with a stack trace in the log), so the text must be React's own, byte for byte
  if (!isRecord(meta) || descriptor !== JSON.stringify({ id: meta.id, bound: "$@1" })) return MALFORMED;
  if (!Array.isArray(bound) || bound.length > 1 || !bound.every((value) => isPlainValue(value))) return MALFORMED;
  return known(meta.id) ? null : NOT_FOUND;
}

/** Does the Origin name the host Next.js compares it with (the first X-Forwarded-Host, else Host)? A request with none is not refused here. */
function originIsHost(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (origin === null) return true;
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/** A JavaScript call's arguments: the form (and the previous state), nothing else. */
function fetchArgumentsProblem(form: FormData): boolean {
  if (form.getAll("0").length !== 1) return true;
  const root = parseJson(form.get("0"));
  if (!Array.isArray(root) || root.length < 1 || root.length > 2 || root.at(-1) !== "$K1") return true;
  if (root.length === 2 && !isPlainValue(root[0])) return true;
  return [...form.keys()].some((key) => key !== "0" && !key.startsWith("_1_"));
}

/** JSON that decodes to itself: no references to other parts ("$@1", "$K2", "$Q0"…), only escaped "$$" text and undefined. */
export function isPlainValue(value: unknown, depth = 0): boolean {
  if (depth > 8) return false;
  if (value === null || typeof value === "number" || typeof value === "boolean") return true;
  if (typeof value === "string") return !value.startsWith("$") || value.startsWith("$$") || value === "$undefined";
  if (Array.isArray(value)) return value.length <= 100 && value.every((item) => isPlainValue(item, depth + 1));
  if (isRecord(value)) {
    const entries = Object.entries(value);
    return entries.length <= 100 && entries.every(([key, item]) => key !== "__proto__" && isPlainValue(item, depth + 1));
  }
  return false;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseJson(value: FormDataEntryValue | null): unknown {
  if (typeof value !== "string") return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}
