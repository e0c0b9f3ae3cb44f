/**
 * The pages that emailed links open, and the cookie each one's token moves
 * into (proxy.ts does the move on the first load), so the token leaves the
 * address bar, history, logs and Referer headers at once.
 */
export const LINK_PAGES = {
  "/verify-email": "verify-token",
  "/reset-password": "reset-token",
  "/confirm-email": "email-change-token",
} as const;

export type LinkPage = keyof typeof LINK_PAGES;

export function isLinkPage(path: string): path is LinkPage {
  return Object.hasOwn(LINK_PAGES, path);
}

/**
 * Long enough to read the page and fill its form; the link itself can be opened
 * again while it is valid. Secure exactly when every other cookie is (the
 * app's public address is https), whatever the request arrived over.
 */
export const LINK_TOKEN_COOKIE_SECONDS = 30 * 60;

export function linkTokenCookie(page: LinkPage, secure: boolean) {
  return { name: LINK_PAGES[page], httpOnly: true, sameSite: "lax", secure, path: page, maxAge: LINK_TOKEN_COOKIE_SECONDS } as const;
}
