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
