// The avatar upload field, shared by the browser (a FileList) and the server
// (a File). What the file contains is checked from its bytes on the server
// (lib/account/avatar-image.ts), never from its name or claimed type.
import * as z from "zod/mini";
import { AVATAR_ERRORS, AVATAR_MAX_BYTES } from "./form-constants";

/** A file input's value in the browser is a list; the first file is the upload. */
const firstFile = (value: unknown) => (typeof FileList !== "undefined" && value instanceof FileList ? (value.item(0) ?? undefined) : value);

export const avatarSchema = z.object({
  avatar: z.pipe(z.transform(firstFile), z.file({ error: AVATAR_ERRORS.empty }).check(z.minSize(1, AVATAR_ERRORS.empty), z.maxSize(AVATAR_MAX_BYTES, AVATAR_ERRORS.tooBig))),
});
