// An answer that ends this browser's session (the sign-out button, Auth.js's
// own sign-out route, deleting the account, a session found revoked) also tells
// the browser to drop what it cached and stored for this site, so no signed-in
// page or data is left behind for the next person at a shared computer
// (SECURITY.md, "The browser"). Cookies are not in the list: Auth.js already
// clears its own, and the CSRF and link cookies are harmless. server.ts applies
// it to every answer; `next dev` has no such wrapper.
import type { OutgoingHttpHeaders, ServerResponse } from "node:http";

export const CLEAR_SITE_DATA = '"cache", "storage"';

/** The session cookie's names, with and without the `__Host-` prefix Auth.js uses over https. */
const SESSION_COOKIE = /^(?:__Host-)?authjs\.session-token(?:\.\d+)?=/;

/** A Set-Cookie line that removes the session cookie: an empty value, or one that expires at once. */
export function endsSession(setCookie: string): boolean {
  if (!SESSION_COOKIE.test(setCookie)) return false;
  const [pair = "", ...attributes] = setCookie.split(";").map((part) => part.trim());
  const emptyValue = pair.endsWith("=");
  const expiresNow = attributes.some((attribute) => {
    const [name = "", value = ""] = attribute.split("=");
    if (name.toLowerCase() === "max-age") return Number(value) <= 0;
    if (name.toLowerCase() === "expires") return Date.parse(value) <= Date.now();
    return false;
  });
  return emptyValue || expiresNow;
}

function setCookieLines(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === "string" ? [value] : [];
}

/** Headers given to writeHead itself, as an object or as Node's flat [name, value, …] list. */
function setCookiesIn(headers: unknown): string[] {
  if (Array.isArray(headers)) {
    const lines: string[] = [];
    for (let i = 0; i + 1 < headers.length; i += 2) if (String(headers[i]).toLowerCase() === "set-cookie") lines.push(...setCookieLines(headers[i + 1]));
    return lines;
  }
  if (headers && typeof headers === "object") {
    return Object.entries(headers as OutgoingHttpHeaders).flatMap(([name, value]) => (name.toLowerCase() === "set-cookie" ? setCookieLines(value) : []));
  }
  return [];
}

export function clearSiteDataOnSignOut(response: ServerResponse): void {
  const writeHead = response.writeHead.bind(response) as (status: number, ...rest: unknown[]) => ServerResponse;
  // Node calls writeHead itself when a response starts without it, so every answer passes here
  response.writeHead = ((status: number, ...rest: unknown[]) => {
    const given = rest.find((argument) => typeof argument === "object" && argument !== null);
    const lines = [...setCookieLines(response.getHeader("set-cookie")), ...setCookiesIn(given)];
    if (lines.some(endsSession) && !response.hasHeader("clear-site-data")) response.setHeader("Clear-Site-Data", CLEAR_SITE_DATA);
    return writeHead(status, ...rest);
  }) as typeof response.writeHead;
}
