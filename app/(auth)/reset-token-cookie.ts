/**
 * The reset link's token, moved by proxy.ts from the address into this
 * cookie on the first load, so it stays out of history, logs and Referer.
 */
export const RESET_TOKEN_COOKIE = "reset-token";
export const RESET_PAGE = "/reset-password";
