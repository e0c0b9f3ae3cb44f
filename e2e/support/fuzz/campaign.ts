// One fuzz run: request after request from one seeded generator, a few at a
// time, and every answer that is not one a malformed request should get.
import type { ActionSpec } from "./action-catalogue";
import { actionRequest, unknownActionId, type Caller } from "./action-requests";
import { multipart } from "./multipart";
import { seededRandom, type Random } from "./prng";
import { send, type RawRequest, type RawResponse } from "./raw-http";
import { authFormRequest, pageRequest, routeRequest, type AuthCsrf } from "./route-requests";

export type CampaignSetup = {
  baseURL: string;
  seed: number;
  count: number;
  concurrency: number;
  actions: ActionSpec[];
  signedOut: Caller;
  signedIn: Caller;
  authCsrf: AuthCsrf;
  /** the server log's length so far, to place each request in it */
  logLength: () => number;
};

export type Offender = { index: number; request: string; status: number; why: string; body: string };
/** A request's place in the server log: its length when the request went out and when the answer was in. */
export type Sent = { index: number; request: string; logFrom: number; logTo: number };
export type CampaignResult = {
  sent: number;
  byStatus: Record<number, number>;
  byKind: Record<string, number>;
  /** answers "Cross-site request refused.": each must have left one security event */
  crossSiteRefusals: number;
  /** seconds spent waiting on each kind of request, to see where a run's time goes */
  secondsByKind: Record<string, number>;
  offenders: Offender[];
  /** every request, to name the ones behind a line in the log */
  timeline: Sent[];
};

/** proxy.ts's answer to a state-changing request from another site or none. */
const CROSS_SITE_REFUSED = "Cross-site request refused.";

/** Answers that show what went wrong inside: a stack frame, a module path, the database's words. */
const LEAK = /\bat \S+ \(\S+:\d+:\d+\)|node_modules\/|Prisma|Invalid `prisma|ECONNREFUSED/;

export function nthRequest(setup: CampaignSetup, random: Random): { kind: string; request: RawRequest } {
  const signedIn = random.chance(0.5);
  const caller = signedIn ? setup.signedIn : setup.signedOut;
  const roll = random.next();
  if (roll < 0.004) return { kind: "over-limit body", request: overLimit(setup, caller, random) };
  if (roll < 0.55) {
    const spec = random.pick(setup.actions);
    return { kind: "action", request: actionRequest(spec, spec.fuzzSignedIn ? caller : setup.signedOut, random) };
  }
  if (roll < 0.6) {
    const spec = random.pick(setup.actions);
    return { kind: "unknown action", request: actionRequest(spec, spec.fuzzSignedIn ? caller : setup.signedOut, random, unknownActionId(random)) };
  }
  if (roll < 0.75) return { kind: "page", request: pageRequest(caller, random) };
  if (roll < 0.87) return { kind: "route", request: routeRequest(caller, random) };
  return { kind: "auth form", request: authFormRequest(setup.signedOut, setup.authCsrf, random) };
}

/** A body past what any action accepts (8 MB), with its size declared or sent in chunks. */
function overLimit(setup: CampaignSetup, caller: Caller, random: Random): RawRequest {
  const spec = random.pick(setup.actions);
  const form = multipart(
    [
      { name: `$ACTION_ID_${spec.id}`, value: "" },
      { name: "bio", value: "z".repeat(9 * 1024 * 1024) },
    ],
    random,
  );
  const chunked = random.chance(0.5);
  return {
    label: `${spec.name} body over the limit${chunked ? " (chunked)" : ""}`,
    method: "POST",
    target: spec.page,
    headers: [["Origin", caller.origin], ["Content-Type", form.contentType], ...(caller.sessionCookie ? ([["Cookie", caller.sessionCookie]] as [string, string][]) : [])],
    body: form.body,
    chunked,
  };
}

export async function runCampaign(setup: CampaignSetup): Promise<CampaignResult> {
  const random = seededRandom(setup.seed);
  const result: CampaignResult = { sent: 0, byStatus: {}, byKind: {}, crossSiteRefusals: 0, secondsByKind: {}, offenders: [], timeline: [] };
  let next = 0;
  const worker = async () => {
    while (next < setup.count) {
      const index = next++;
      const { kind, request } = nthRequest(setup, random);
      const started = performance.now();
      const logFrom = setup.logLength();
      const response = await send(setup.baseURL, request);
      // one more turn of the event loop: what the server printed before it answered has been read by then
      await new Promise((resolve) => setImmediate(resolve));
      result.timeline.push({ index, request: describe(request), logFrom, logTo: setup.logLength() });
      result.secondsByKind[kind] = Math.round((result.secondsByKind[kind] ?? 0) + (performance.now() - started) / 1000);
      if (response.status === 403 && response.body === CROSS_SITE_REFUSED) result.crossSiteRefusals++;
      result.sent++;
      result.byStatus[response.status] = (result.byStatus[response.status] ?? 0) + 1;
      result.byKind[kind] = (result.byKind[kind] ?? 0) + 1;
      const why = verdict(response);
      if (why) result.offenders.push({ index, request: describe(request), status: response.status, why, body: response.body.slice(0, 300) });
    }
  };
  await Promise.all(Array.from({ length: setup.concurrency }, worker));
  return result;
}

/** The requests in flight when the server printed what stands at `at` in its log; failing those, the last one answered before. */
export function requestsAround(timeline: readonly Sent[], at: number): Sent[] {
  const inFlight = timeline.filter(({ logFrom, logTo }) => logFrom <= at && at < logTo);
  if (inFlight.length > 0) return inFlight;
  const before = timeline.filter(({ logTo }) => logTo <= at);
  return before.length === 0 ? [] : [before.reduce((latest, sent) => (sent.logTo > latest.logTo ? sent : latest))];
}

function verdict(response: RawResponse): string | null {
  if (response.status === 0) return "no answer";
  if (response.status >= 500) return "a server error";
  if (LEAK.test(response.body)) return "internals in the answer";
  return null;
}

/** The request, printable: bytes that are not plain ASCII as \xNN, long runs cut. */
export function describe(request: RawRequest): string {
  const text = (value: string | Buffer) => printable(Buffer.from(value));
  const head = [`${request.method} ${text(request.target)}`, ...request.headers.map(([name, value]) => `${name}: ${text(value)}`)];
  const body = request.body ? `\n\n${text(request.body.subarray(0, 1500))}${request.body.length > 1500 ? `… (${request.body.length} bytes)` : ""}` : "";
  return `[${request.label}]\n${head.join("\n")}${body}`;
}

function printable(bytes: Buffer): string {
  let out = "";
  for (const byte of bytes.subarray(0, 2000)) out += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : byte === 0x0a ? "\\n" : `\\x${byte.toString(16).padStart(2, "0")}`;
  return out.replace(/(.)\1{40,}/g, (run, char: string) => `${char.repeat(8)}…×${run.length}`) + (bytes.length > 2000 ? "…" : "");
}
