// Fence 3 (lib/fences.ts): who is really on the other end of a request. The
// socket's address is the truth; X-Forwarded-* headers are believed only when
// the socket belongs to a configured trusted proxy (TRUSTED_PROXIES), because
// anyone can send them.
import { randomUUID } from "node:crypto";
import { BlockList, isIP } from "node:net";
import { remember } from "../remember";

/** Set by server.ts on every request, replacing whatever a client sent. */
const CLIENT_IP_HEADER = "x-client-ip";
const REQUEST_ID_HEADER = "x-request-id";

// Under `next dev` or a bare `next start` nobody rewrites the header, so a
// client could set it: it is read only when server.ts said it owns it.
const owner = remember("client-headers", () => ({ settledByServer: false }));

const FORWARDED_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded"];

/** "::ffff:10.0.0.1" and "10.0.0.1" are one client. */
function plain(address: string | undefined): string | null {
  const trimmed = address?.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  return trimmed && isIP(trimmed) ? trimmed : null;
}

export type TrustedProxies = { has(address: string): boolean };

/** Addresses and CIDR ranges, comma-separated: "127.0.0.1, 10.0.0.0/8, ::1". Throws on anything else. */
export function parseTrustedProxies(list: string | undefined): TrustedProxies {
  const blocks = new BlockList();
  for (const entry of (list ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [address, prefix, extra] = entry.split("/");
    const ip = plain(address);
    const family = ip && isIP(ip) === 6 ? "ipv6" : "ipv4";
    const bits = prefix === undefined ? undefined : Number(prefix);
    const maxBits = family === "ipv6" ? 128 : 32;
    if (!ip || extra !== undefined || (bits !== undefined && !(Number.isInteger(bits) && bits >= 0 && bits <= maxBits))) {
      throw new Error(`not an IP address or CIDR range: "${entry}"`);
    }
    if (bits === undefined) blocks.addAddress(ip, family);
    else blocks.addSubnet(ip, bits, family);
  }
  return { has: (address) => blocks.check(address, isIP(address) === 6 ? "ipv6" : "ipv4") };
}

/**
 * The client's address: the socket's, or, when the socket is a trusted
 * proxy, the right-most X-Forwarded-For hop that is not itself trusted.
 */
export function clientAddress(socketAddress: string | undefined, forwardedFor: string | undefined, trusted: TrustedProxies): string | null {
  let client = plain(socketAddress);
  if (!client || !trusted.has(client)) return client;
  const hops = (forwardedFor ?? "").split(",").reverse();
  for (const hop of hops) {
    const address = plain(hop);
    if (!address) break; // nothing left of a malformed hop can be trusted
    client = address;
    if (!trusted.has(address)) break;
  }
  return client;
}

type NodeRequest = { headers: Record<string, string | string[] | undefined>; socket: { remoteAddress?: string } };

/**
 * Rewrites a request's headers before Next.js sees it: the client address in
 * CLIENT_IP_HEADER, and forwarded headers kept only from a trusted proxy
 * (otherwise Next.js would believe a client's X-Forwarded-Host).
 */
export function settleClientHeaders(request: NodeRequest, trusted: TrustedProxies): void {
  owner.settledByServer = true;
  const forwardedFor = request.headers["x-forwarded-for"];
  const address = clientAddress(request.socket.remoteAddress, Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor, trusted);
  const socket = plain(request.socket.remoteAddress);
  const fromProxy = socket !== null && trusted.has(socket);
  if (!fromProxy) for (const name of FORWARDED_HEADERS) delete request.headers[name];
  if (address) request.headers[CLIENT_IP_HEADER] = address;
  else delete request.headers[CLIENT_IP_HEADER];
  request.headers[REQUEST_ID_HEADER] = randomUUID(); // ties one request's log lines together
}

/** The id server.ts gave this request; null when it does not run (development). */
export function settledRequestId(headers: Headers): string | null {
  return owner.settledByServer ? headers.get(REQUEST_ID_HEADER) : null;
}

/** The client address server.ts settled for this request; null when it does not run (development). */
export function settledClientAddress(headers: Headers): string | null {
  return owner.settledByServer ? headers.get(CLIENT_IP_HEADER) : null;
}
