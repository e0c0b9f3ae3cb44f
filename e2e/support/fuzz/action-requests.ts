// Server action calls in the shapes a browser sends them, each malformed:
// the no-JavaScript form post (a plain action's `$ACTION_ID_<id>` field, or
// useActionState's `$ACTION_REF_1` / `$ACTION_1:0` / `$ACTION_1:1` /
// `$ACTION_KEY`), and the JavaScript call (`Next-Action: <id>` with the
// arguments as multipart or as text). Unknown action ids too.
import type { ActionSpec } from "./action-catalogue";
import { malformedFields } from "./form-fields";
import { multipart, type Part } from "./multipart";
import type { Random } from "./prng";
import type { RawRequest } from "./raw-http";
import { headerValue, junk, type Value } from "./values";

export type Caller = { origin: string; sessionCookie?: string };

const HEX = "0123456789abcdef";

/** An id shaped like the build's (42 hex digits), or not shaped like one at all. */
export function unknownActionId(random: Random): string {
  if (random.chance(0.7)) return `7f${Array.from({ length: 40 }, () => random.pick([...HEX])).join("")}`;
  return random.pick(["", "x", "7f", "0".repeat(500), "$ACTION", "../../etc", "7f%00", "\u00ff\u00fe"]);
}

export function actionRequest(spec: ActionSpec, caller: Caller, random: Random, id = spec.id): RawRequest {
  const fields = malformedFields(spec, random);
  const shape = random.pick(["form-id", "form-state", "fetch-multipart", "fetch-text", "odd-content-type"] as const);
  const headers = callerHeaders(caller, random);
  const post = (body: Buffer, contentType: string | undefined, extra: [string, string | Buffer][] = []): RawRequest => ({
    label: `${spec.name} ${shape}`,
    method: "POST",
    target: spec.page,
    headers: [...headers, ...(contentType === undefined ? [] : ([["Content-Type", contentType]] as [string, string][])), ...extra],
    body,
  });
  const malformed = random.chance(0.1);
  switch (shape) {
    case "form-id": {
      const form = multipart([{ name: `$ACTION_ID_${id}`, value: "" }, ...fields], random, { malformed });
      return post(form.body, form.contentType);
    }
    case "form-state": {
      const form = multipart([...stateFields(spec, id, random), ...fields], random, { malformed });
      return post(form.body, form.contentType);
    }
    case "fetch-multipart": {
      const prefixed = fields.map((part) => ({ ...part, name: Buffer.concat([Buffer.from("_1_"), Buffer.from(part.name)]) }));
      const root = random.chance(0.8) ? (spec.hasState ? '[null,"$K1"]' : '["$K1"]') : junkArguments(random);
      const form = multipart([{ name: "0", value: root }, ...prefixed], random, { malformed });
      return post(form.body, form.contentType, fetchHeaders(id, random));
    }
    case "fetch-text":
      return post(Buffer.from(junkArguments(random, fields)), random.pick(["text/plain;charset=UTF-8", "text/plain", undefined]), fetchHeaders(id, random));
    case "odd-content-type": {
      const encoded = new URLSearchParams(fields.map((part) => [String(part.name), String(part.value)]));
      encoded.set(`$ACTION_ID_${id}`, "");
      return post(
        Buffer.from(random.chance(0.5) ? encoded.toString() : JSON.stringify(Object.fromEntries(encoded))),
        random.pick(["application/x-www-form-urlencoded", "application/json", "text/html", "image/png", "multipart/mixed; boundary=x", ""]),
        random.chance(0.5) ? fetchHeaders(id, random) : [],
      );
    }
  }
}

/** The hidden fields useActionState renders into a form, sometimes bent out of shape. */
function stateFields(spec: ActionSpec, id: string, random: Random): Part[] {
  const parts: Part[] = [
    { name: "$ACTION_REF_1", value: "" },
    { name: "$ACTION_1:0", value: JSON.stringify({ id, bound: "$@1" }) },
    { name: "$ACTION_1:1", value: spec.hasState ? "[null]" : "[]" },
    { name: "$ACTION_KEY", value: `k${random.int(0, 2 ** 31).toString(16)}` },
  ];
  if (random.chance(0.7)) return parts;
  const bent = random.int(0, parts.length - 1);
  const replacement = random.pick<Value | null>([
    null,
    junk(random),
    '{"id":"nope","bound":"$@1"}',
    `{"id":"${id}","bound":"$@9"}`,
    `{"id":"${id}","bound":null}`,
    `{"id":${id.length}}`,
    // the same JSON, another text: the id's first character escaped
    `{"id":"\\u${(id.charCodeAt(0) || 0x37).toString(16).padStart(4, "0")}${id.slice(1)}","bound":"$@1"}`,
    "[1,2,3]",
    '{"id":',
    '[{"a":"$@1"},"$K1"]',
    `[${"[".repeat(3000)}`,
  ]);
  const bentPart = parts[bent];
  if (bentPart) {
    if (replacement === null) parts.splice(bent, 1);
    else bentPart.value = replacement;
  }
  return parts;
}

/** What a JavaScript call's text body might hold instead of the arguments React encodes. */
function junkArguments(random: Random, fields: Part[] = []): string {
  const asObject = Object.fromEntries(fields.map((part) => [String(part.name), String(part.value)]));
  return random.pick([
    JSON.stringify([null, asObject]),
    JSON.stringify([asObject]),
    JSON.stringify(asObject),
    JSON.stringify([null, Object.values(asObject)]),
    '[null,"$K1"]',
    '[null,"$@7"]',
    '["$Q1"]',
    '["$h1","$T"]',
    "[",
    "",
    "null",
    '"text"',
    "42",
    '[null,{"__proto__":{"polluted":true}}]',
    JSON.stringify(Array.from({ length: 2000 }, () => null)),
    `${"[".repeat(5000)}${"]".repeat(5000)}`,
    '["\\ud800"]',
    '[null,"\\u0000"]',
    "[1e999]",
  ]);
}

function fetchHeaders(id: string, random: Random): [string, string | Buffer][] {
  const headers: [string, string | Buffer][] = [
    ["Next-Action", id],
    ["Accept", "text/x-component"],
  ];
  if (random.chance(0.3)) headers.push(["Next-Router-State-Tree", random.pick<string | Buffer>(["%5B%22%22%5D", "[", "%ZZ", "x".repeat(5000), Buffer.from([0xff, 0xfe])])]);
  return headers;
}

/** The app's Origin (mostly: without it nothing deeper than the CSRF check is reached), a session cookie if signed in, noise. */
export function callerHeaders(caller: Caller, random: Random): [string, string | Buffer][] {
  const headers: [string, string | Buffer][] = [];
  const roll = random.next();
  if (roll < 0.95) headers.push(["Origin", caller.origin]);
  else if (roll < 0.97) headers.push(["Origin", random.pick(["null", "https://attacker.example", caller.origin.toUpperCase(), caller.origin.replace("127.0.0.1", "localhost")])]);
  if (random.chance(0.1)) headers.push(["Sec-Fetch-Site", random.pick(["same-origin", "same-site", "cross-site", "none"])]);
  const cookies: Buffer[] = [];
  if (caller.sessionCookie) cookies.push(Buffer.from(caller.sessionCookie));
  if (random.chance(0.15))
    cookies.push(
      Buffer.concat([
        Buffer.from(`${random.pick(["verify-token", "reset-token", "email-change-token", "authjs.session-token", "authjs.csrf-token"])}=`),
        headerValue(junk(random), 4000),
      ]),
    );
  if (cookies.length > 0) headers.push(["Cookie", Buffer.concat(cookies.flatMap((cookie, i) => (i === 0 ? [cookie] : [Buffer.from("; "), cookie])))]);
  if (random.chance(0.1)) headers.push(["User-Agent", headerValue(junk(random), 2000)]);
  if (random.chance(0.05)) headers.push(["Accept-Language", headerValue(junk(random), 500)]);
  return headers;
}
