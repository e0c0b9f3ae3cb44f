// Real image files made on the spot with sharp, for the avatar upload, and
// ways to look at what the app serves back.
import { randomBytes } from "node:crypto";
import sharp from "sharp";

export type Colour = { r: number; g: number; b: number };
export const RED: Colour = { r: 220, g: 20, b: 20 };
export const BLUE: Colour = { r: 20, g: 40, b: 220 };

/** What Playwright's setInputFiles takes. */
export type UploadFile = { name: string; mimeType: string; buffer: Buffer };

export async function solidImage(format: "png" | "jpeg" | "gif", width: number, height: number, colour: Colour): Promise<Buffer> {
  const image = sharp({ create: { width, height, channels: 3, background: colour } });
  return image.toFormat(format).toBuffer();
}

/** A valid PNG of at least `minBytes`: random pixels do not compress. */
export async function noisyPng(minBytes: number): Promise<Buffer> {
  const side = Math.ceil(Math.sqrt(minBytes / 3)) + 16;
  const pixels = randomBytes(side * side * 3);
  const png = await sharp(pixels, { raw: { width: side, height: side, channels: 3 } })
    .png()
    .toBuffer();
  if (png.length < minBytes) throw new Error(`noisy PNG came out at ${png.length} bytes, wanted ${minBytes}`);
  return png;
}

export type ImageFacts = { format: string | undefined; width: number | undefined; height: number | undefined; mean: Colour };

/** Format, size and mean colour of an image's bytes. */
export async function inspectImage(bytes: Buffer): Promise<ImageFacts> {
  const image = sharp(bytes);
  const [{ format, width, height }, { channels }] = await Promise.all([image.metadata(), image.stats()]);
  const mean = (index: number) => Math.round(channels[index]?.mean ?? Number.NaN);
  return { format, width, height, mean: { r: mean(0), g: mean(1), b: mean(2) } };
}

/** Close enough after resizing and lossy WebP: each channel within `tolerance`. */
export function isNear(actual: Colour, expected: Colour, tolerance = 30): boolean {
  return (["r", "g", "b"] as const).every((channel) => Math.abs(actual[channel] - expected[channel]) <= tolerance);
}
