/**
 * The largest request body a server action accepts: an avatar (2 MB) with
 * room to spare, so a file that is merely too large reaches the form and gets
 * its own message. proxy.ts turns away anything larger before Next.js reads it.
 */
export const ACTION_BODY_LIMIT_MB = 8;
export const ACTION_BODY_LIMIT_BYTES = ACTION_BODY_LIMIT_MB * 1024 * 1024;
