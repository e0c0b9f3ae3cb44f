// The headers every response carries. Scripts run only with this response's
// nonce (Next.js puts it on its own scripts when it sees it in the request's
// Content-Security-Policy); nothing may frame the app; forms post only to it.

export function contentSecurityPolicy(nonce: string, development: boolean): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts the nonced ones load are trusted too; eval only for development's fast refresh
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // React writes style attributes (e.g. the initials avatar's size)
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join("; ");
}

/** An uploaded picture, even opened on its own as a document, may load, run and frame nothing. */
export const IMAGE_POLICY = "default-src 'none'; sandbox";

// Fence 13 (lib/fences.ts): responses that are not pages and keep a policy of
// their own: the page policy, set on every response by proxy.ts, would
// otherwise replace the one the route sets itself.
const ROUTE_POLICIES = new Map<string, string>([["/profile/avatar", IMAGE_POLICY]]);

/** The policy a route sets for itself, if it is one that does. */
export function ownPolicy(pathname: string): string | undefined {
  return ROUTE_POLICIES.get(pathname);
}

export function securityHeaders(options: { nonce: string; development: boolean; https: boolean }) {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options.nonce, options.development),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    // only once the app is served over HTTPS, or a local http trial would be locked out of http
    ...(options.https ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {}),
  };
}
