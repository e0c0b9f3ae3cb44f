// Turning an uploaded file into the avatar that is stored: the type comes
// from the file's first bytes, never its name, and what is kept is a fresh
// small square WebP drawn from the decoded pixels (no metadata, no payload
// that rode along in the original).
//
// A small file can describe a huge or absurdly shaped bitmap (a 0.4 MB PNG
// of 40 × 999,999 pixels once cost a minute of CPU and 5 GB: the "cover"
// resize enlarged it to 256 × 6,399,994 before cropping). So the header is
// checked before any pixel is decoded, the decoder itself refuses more than
// MAX_INPUT_PIXELS, and nothing is ever enlarged until it has been cropped to
// the square: the image is only shrunk (streamed, JPEG and WebP at load time)
// to a preview whose short side is at most AVATAR_SIZE, the attention crop is
// chosen on that preview, and only the cropped square is scaled to the size.
import sharp from "sharp";
import { AVATAR_ERRORS, AVATAR_MAX_BYTES, AVATAR_MAX_RATIO, AVATAR_MAX_SIDE, type AVATAR_TYPES } from "@/lib/validation/form-constants";

export const AVATAR_SIZE = 256;
/** The decoder's own limit (sharp's limitInputPixels); the header check below says it in words first. */
export const MAX_INPUT_PIXELS = 40_000_000;

// One libvips thread per image: the work queue (./avatar-queue.ts) bounds how
// many run at once, and each keeps to one core. Nothing is cached: every
// upload is a different image, and the cache would only hold memory.
sharp.concurrency(1);
sharp.cache(false);

type AvatarType = (typeof AVATAR_TYPES)[number];
export type AvatarImage = { data: Buffer; contentType: "image/webp" };
export type AvatarResult = { ok: true; image: AvatarImage } | { ok: false; error: string };

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) => signature.every((byte, index) => bytes[offset + index] === byte);

/** The image type that a file's content announces, whatever it is called. */
export function sniffImageType(bytes: Uint8Array): AvatarType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  // "RIFF" <size> "WEBP"
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return "image/webp";
  return null;
}

/** The checks that need no decoding at all, so a caller can make them before queueing the image work. */
export function checkAvatarFile(bytes: Uint8Array): { ok: true; type: AvatarType } | { ok: false; error: string } {
  if (bytes.length === 0) return { ok: false, error: AVATAR_ERRORS.empty };
  if (bytes.length > AVATAR_MAX_BYTES) return { ok: false, error: AVATAR_ERRORS.tooBig };
  const type = sniffImageType(bytes);
  return type ? { ok: true, type } : { ok: false, error: AVATAR_ERRORS.wrongType };
}

/** Why the header's dimensions are refused, if they are. */
export function shapeRefusal(width: number, height: number): string | null {
  if (width * height > MAX_INPUT_PIXELS) return AVATAR_ERRORS.tooManyPixels;
  if (Math.max(width, height) > AVATAR_MAX_SIDE) return AVATAR_ERRORS.tooLongSide;
  if (Math.max(width, height) > AVATAR_MAX_RATIO * Math.min(width, height)) return AVATAR_ERRORS.tooNarrow;
  return null;
}

const decoderOptions = { failOn: "error", limitInputPixels: MAX_INPUT_PIXELS } as const;
// reading the header decodes no pixel; without the limit here, too many pixels get their own message below
const headerOptions = { failOn: "error", limitInputPixels: false } as const;

export async function prepareAvatar(bytes: Uint8Array): Promise<AvatarResult> {
  const file = checkAvatarFile(bytes);
  if (!file.ok) return file;
  try {
    const { width, height, format } = await sharp(bytes, headerOptions).metadata();
    // the decoder must agree with the signature, so nothing else gets decoded
    if (`image/${format}` !== file.type) return { ok: false, error: AVATAR_ERRORS.wrongType };
    if (!width || !height) return { ok: false, error: AVATAR_ERRORS.unreadable };
    const refusal = shapeRefusal(width, height);
    if (refusal) return { ok: false, error: refusal };

    // upright as the camera meant it (before the orientation tag is dropped), then shrunk, never enlarged,
    // until the short side is at most AVATAR_SIZE: by the shape bounds, at most 256 × 2,560 pixels
    const preview = await sharp(bytes, decoderOptions)
      .rotate()
      .resize(AVATAR_SIZE, AVATAR_SIZE, { fit: "outside", withoutEnlargement: true })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const raw = { width: preview.info.width, height: preview.info.height, channels: preview.info.channels };
    const side = Math.min(raw.width, raw.height);
    // the square the attention strategy picks, at the preview's scale: a crop, no resampling
    const square = await sharp(preview.data, { raw }).resize(side, side, { fit: "cover", position: "attention" }).raw().toBuffer({ resolveWithObject: true });
    const data = await sharp(square.data, { raw: { width: side, height: side, channels: square.info.channels } })
      .resize(AVATAR_SIZE, AVATAR_SIZE) // a no-op unless the picture was smaller than the avatar
      .webp({ quality: 82 })
      .toBuffer();
    return { ok: true, image: { data, contentType: "image/webp" } };
  } catch {
    return { ok: false, error: AVATAR_ERRORS.unreadable };
  }
}
