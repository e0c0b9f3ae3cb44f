// Where sign-in may send a person afterwards: a path on this site, never
// another origin, however the address is disguised.
export const DEFAULT_AFTER_SIGN_IN = "/profile";

/** A same-origin path such as "/settings?tab=1", or the fallback. */
export function safeCallbackPath(value: unknown, fallback = DEFAULT_AFTER_SIGN_IN): string {
  if (typeof value !== "string" || value.length > 2048) return fallback;
  // "//host" and "/\host" are other origins to a browser; control characters hide tricks
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\") || /[\u0000-\u001f\\]/.test(value)) {
    return fallback;
  }
  const base = "http://same-origin.invalid";
  const url = new URL(value, base);
  if (url.origin !== base) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** For Auth.js's redirect callback: absolute URLs on our origin, or our paths; anything else goes home. */
export function safeRedirectUrl(url: string, baseUrl: string): string {
  if (url.startsWith("/")) return `${baseUrl}${safeCallbackPath(url, "/")}`;
  try {
    const target = new URL(url);
    if (target.origin === new URL(baseUrl).origin) return `${baseUrl}${safeCallbackPath(`${target.pathname}${target.search}${target.hash}`, "/")}`;
  } catch {
    // not a URL
  }
  return baseUrl;
}
