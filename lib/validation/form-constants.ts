// What forms show or send before their validation code has loaded, and what
// the schemas check. No zod here: a page that imports these does not bring
// zod into its first download (components/form/lazy-zod-resolver.ts).

export const NAME_MAX_LENGTH = 100;
export const BIO_MAX_LENGTH = 500;
export const EMAIL_MAX_LENGTH = 254;

export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;
export const AVATAR_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
/** Longest side in pixels: room for a phone's full-size photo (8,064 px across at 48 MP). */
export const AVATAR_MAX_SIDE = 8_192;
/** How many times longer than wide (or wider than long) a picture may be; a panorama fits, a strip does not. */
export const AVATAR_MAX_RATIO = 10;

export const AVATAR_ERRORS = {
  empty: "Choose an image to upload.",
  tooBig: "That file is larger than 2 MB. Choose a smaller image.",
  wrongType: "That file isn't a PNG, JPEG or WebP image.",
  unreadable: "That image couldn't be read. It may be damaged; try another file.",
  tooManyPixels: "That image has too many pixels. Choose one under 40 megapixels.",
  tooLongSide: `That image is more than ${AVATAR_MAX_SIDE.toLocaleString("en")} pixels across. Choose a smaller one.`,
  tooNarrow: `That image is too long and thin to make a square picture from. Choose one at most ${AVATAR_MAX_RATIO} times longer than it is wide.`,
} as const;

/** Which session to end: one row's id, or every session but this one. */
export const ALL_OTHER_SESSIONS = "others";
