// The avatar upload field, shared by the browser (a FileList) and the server
// (a File). What the file contains is checked from its bytes on the server
// (lib/account/avatar-image.ts), never from its name or claimed type.
import * as z from "zod/mini";

export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;
export const AVATAR_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;

export const AVATAR_ERRORS = {
  empty: "Choose an image to upload.",
  tooBig: "That file is larger than 2 MB. Choose a smaller image.",
  wrongType: "That file isn't a PNG, JPEG or WebP image.",
  unreadable: "That image couldn't be read. It may be damaged; try another file.",
  tooManyPixels: "That image has too many pixels. Choose one under 40 megapixels.",
} as const;

/** A file input's value in the browser is a list; the first file is the upload. */
const firstFile = (value: unknown) =>
  typeof FileList !== "undefined" && value instanceof FileList ? (value.item(0) ?? undefined) : value;

export const avatarSchema = z.object({
  avatar: z.pipe(
    z.transform(firstFile),
    z.file({ error: AVATAR_ERRORS.empty }).check(z.minSize(1, AVATAR_ERRORS.empty), z.maxSize(AVATAR_MAX_BYTES, AVATAR_ERRORS.tooBig)),
  ),
});
