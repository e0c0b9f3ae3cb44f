// HTTP/1.1 written byte by byte: fetch() would refuse or re-encode the very
// things the fuzzer sends (invalid UTF-8 in the target and headers, a body
// that disagrees with its Content-Length).
import net from "node:net";

export type RawRequest = {
  /** what the request is, for the report */
  label: string;
  method: string;
  /** path and query as sent on the request line: raw bytes allowed */
  target: string | Buffer;
  headers: [string, string | Buffer][];
  body?: Buffer;
  /** send the body in chunks with no Content-Length, so only the reader can tell its size */
  chunked?: boolean;
};

export type RawResponse = { status: number; headers: Record<string, string>; body: string };

/** A request the way the wire sees it; Content-Length is the body's unless the request names its own. */
export function serialize(request: RawRequest, host: string): Buffer {
  const lines: Buffer[] = [Buffer.from(`${request.method} `, "latin1"), Buffer.from(request.target as string), Buffer.from(" HTTP/1.1\r\n", "latin1")];
  const names = new Set(request.headers.map(([name]) => name.toLowerCase()));
  const headers: [string, string | Buffer][] = [["Host", host], ...request.headers, ["Connection", "close"]];
  if (request.chunked) headers.push(["Transfer-Encoding", "chunked"]);
  else if (request.body && !names.has("content-length")) headers.push(["Content-Length", String(request.body.length)]);
  for (const [name, value] of headers) lines.push(Buffer.from(`${name}: `, "latin1"), Buffer.from(value as string), Buffer.from("\r\n", "latin1"));
  lines.push(Buffer.from("\r\n", "latin1"));
  if (request.body && request.chunked) lines.push(chunks(request.body));
  else if (request.body) lines.push(request.body);
  return Buffer.concat(lines);
}

/**
 * Sends one request on its own connection and reads the answer until the
 * server closes it. Resolves with status 0 when no status line came back.
 */
export function send(baseURL: string, request: RawRequest, timeoutMs = 60_000): Promise<RawResponse> {
  const url = new URL(baseURL);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = net.connect(Number(url.port), url.hostname);
    const finish = () => {
      socket.destroy();
      resolve(parse(Buffer.concat(chunks)));
    };
    socket.setTimeout(timeoutMs, finish);
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("end", finish);
    socket.on("close", finish);
    // a server may answer and close before a large body is written: what it said still counts
    socket.on("error", finish);
    socket.on("connect", () => socket.write(serialize(request, url.host)));
  });
}

function parse(raw: Buffer): RawResponse {
  const text = raw.toString("latin1");
  const headEnd = text.indexOf("\r\n\r\n");
  const head = headEnd === -1 ? text : text.slice(0, headEnd);
  const [statusLine = "", ...headerLines] = head.split("\r\n");
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] ??= line.slice(colon + 1).trim();
  }
  const rest = headEnd === -1 ? Buffer.alloc(0) : raw.subarray(headEnd + 4);
  const body = (headers["transfer-encoding"]?.toLowerCase() === "chunked" ? unchunk(rest) : rest).toString("utf8");
  return { status, headers, body };
}

/** A chunked body's data (as far as it came). */
function unchunk(raw: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  while (at < raw.length) {
    const lineEnd = raw.indexOf("\r\n", at);
    const size = lineEnd === -1 ? NaN : parseInt(raw.subarray(at, lineEnd).toString("latin1"), 16);
    if (!(size > 0)) break;
    parts.push(raw.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

function chunks(body: Buffer, size = 64 * 1024): Buffer {
  const parts: Buffer[] = [];
  for (let at = 0; at < body.length; at += size) {
    const chunk = body.subarray(at, at + size);
    parts.push(Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n"));
  }
  parts.push(Buffer.from("0\r\n\r\n"));
  return Buffer.concat(parts);
}
