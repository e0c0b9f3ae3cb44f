// Turning an uploaded file into the avatar that is stored: the type comes
// from the file's first bytes, never its name, and what is kept is a fresh
// small square WebP drawn from the decoded pixels (no metadata, no payload
// that rode along in the original).
import sharp from "sharp";
import { AVATAR_ERRORS, AVATAR_MAX_BYTES, type AVATAR_TYPES } from "@/lib/validation/form-constants";

export const AVATAR_SIZE = 256;
/** A small file can still decode to a huge bitmap; refuse those before decoding. */
const MAX_INPUT_PIXELS = 40_000_000;

type AvatarType = (typeof AVATAR_TYPES)[number];
export type AvatarImage = { data: Buffer; contentType: "image/webp" };
export type AvatarResult = { ok: true; image: AvatarImage } | { ok: false; error: string };

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  signature.every((byte, index) => bytes[offset + index] === byte);

/** The image type that a file's content announces, whatever it is called. */
export function sniffImageType(bytes: Uint8Array): AvatarType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  // "RIFF" <size> "WEBP"
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  return null;
}

export async function prepareAvatar(bytes: Uint8Array): Promise<AvatarResult> {
  if (bytes.length === 0) return { ok: false, error: AVATAR_ERRORS.empty };
  if (bytes.length > AVATAR_MAX_BYTES) return { ok: false, error: AVATAR_ERRORS.tooBig };
  const type = sniffImageType(bytes);
  if (!type) return { ok: false, error: AVATAR_ERRORS.wrongType };
  try {
    const image = sharp(bytes, { failOn: "error", limitInputPixels: false });
    const { width, height, format } = await image.metadata();
    // the decoder must agree with the signature, so nothing else gets decoded
    if (`image/${format}` !== type) return { ok: false, error: AVATAR_ERRORS.wrongType };
    if (!width || !height) return { ok: false, error: AVATAR_ERRORS.unreadable };
    if (width * height > MAX_INPUT_PIXELS) return { ok: false, error: AVATAR_ERRORS.tooManyPixels };
    const data = await image
      .rotate() // upright, as the camera meant it, before the orientation tag is dropped
      .resize(AVATAR_SIZE, AVATAR_SIZE, { fit: "cover", position: "attention" })
      .webp({ quality: 82 })
      .toBuffer();
    return { ok: true, image: { data, contentType: "image/webp" } };
  } catch {
    return { ok: false, error: AVATAR_ERRORS.unreadable };
  }
}
