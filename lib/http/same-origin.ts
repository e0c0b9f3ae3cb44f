// Cross-site request refusal for everything that changes state. Next.js
// checks a server action's Origin against the Host, but lets a request with
// no Origin through; this check is stricter and covers route handlers too.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const LOOPBACK = ["localhost", "127.0.0.1", "[::1]"];

/** The app's own origin; a loopback address also under its other loopback names (one machine, one server). */
export function ownOrigins(appUrl: string): string[] {
  const url = new URL(appUrl);
  if (!LOOPBACK.includes(url.hostname)) return [url.origin];
  return LOOPBACK.map((hostname) => `${url.protocol}//${hostname}${url.port ? `:${url.port}` : ""}`);
}

export type CrossSiteReason = "missing-origin" | "foreign-origin" | "cross-site-fetch";

/** Why a request must be refused as cross-site, or null when it may proceed. */
export function crossSiteReason(method: string, headers: Headers, origins: readonly string[]): CrossSiteReason | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite !== null && fetchSite !== "same-origin") return "cross-site-fetch";
  const origin = headers.get("origin");
  if (origin === null) return "missing-origin";
  // "null" (sandboxed frames, privacy-sensitive redirects) is never one of ours
  return origins.includes(origin) ? null : "foreign-origin";
}
