// Avatar uploads, with real images made by sharp: the type comes from the
// bytes, odd or hostile files are refused with a message the person can act
// on, and what is kept is always a fresh 256×256 WebP without metadata.
import sharp, { type Sharp } from "sharp";
import { describe, expect, it } from "vitest";
import { AVATAR_ERRORS, AVATAR_MAX_BYTES } from "@/lib/validation/form-constants";
import { AVATAR_SIZE, prepareAvatar, sniffImageType } from "./avatar-image";

const RED = { r: 255, g: 0, b: 0 };
const BLUE = { r: 0, g: 0, b: 255 };

const solid = (width: number, height: number, background = "#3366cc"): Sharp => sharp({ create: { width, height, channels: 3, background } });
const png = (width = 300, height = 200) => solid(width, height).png().toBuffer();
const jpeg = (width = 300, height = 200) => solid(width, height).jpeg().toBuffer();
const webp = (width = 300, height = 200) => solid(width, height).webp().toBuffer();
const gif = () => solid(40, 40).gif().toBuffer();

/** A square whose left half is red and right half blue. */
function halves(size: number): Sharp {
  const pixels = Buffer.alloc(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const { r, g, b } = x < size / 2 ? RED : BLUE;
      pixels.set([r, g, b], (y * size + x) * 3);
    }
  }
  return sharp(pixels, { raw: { width: size, height: size, channels: 3 } });
}

async function pixelAt(image: Buffer, x: number, y: number) {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const offset = (y * info.width + x) * info.channels;
  return { r: data[offset] ?? -1, g: data[offset + 1] ?? -1, b: data[offset + 2] ?? -1 };
}

const isNear = (actual: { r: number; g: number; b: number }, expected: typeof RED) =>
  Math.abs(actual.r - expected.r) < 40 && Math.abs(actual.g - expected.g) < 40 && Math.abs(actual.b - expected.b) < 40;

/** Prepares the bytes and returns the stored image, failing the test if they were refused. */
async function prepared(bytes: Uint8Array): Promise<Buffer> {
  const result = await prepareAvatar(bytes);
  if (!result.ok) throw new Error(`refused: ${result.error}`);
  expect(result.image.contentType).toBe("image/webp");
  return result.image.data;
}

describe("sniffImageType", () => {
  it("knows PNG, JPEG and WebP by their first bytes", async () => {
    expect(sniffImageType(await png())).toBe("image/png");
    expect(sniffImageType(await jpeg())).toBe("image/jpeg");
    expect(sniffImageType(await webp())).toBe("image/webp");
  });

  it("knows nothing else: GIF, SVG, text, a RIFF that is not WebP, short and empty input", async () => {
    const riffWave = Buffer.concat([Buffer.from("RIFF"), Buffer.from([0x24, 0, 0, 0]), Buffer.from("WAVEfmt ")]);
    const pngSignature = (await png()).subarray(0, 8);
    for (const bytes of [
      await gif(),
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'),
      Buffer.from("just some text, saved as avatar.png"),
      riffWave,
      pngSignature.subarray(0, 7),
      new Uint8Array([0xff, 0xd8]),
      new Uint8Array(),
    ]) {
      expect(sniffImageType(bytes)).toBeNull();
    }
  });
});

describe("prepareAvatar", () => {
  it.each([
    ["PNG", () => png()],
    ["JPEG", () => jpeg()],
    ["WebP", () => webp()],
    ["tall PNG", () => png(90, 900)],
    ["wide JPEG", () => jpeg(3_000, 400)],
    ["1×1 PNG", () => png(1, 1)],
  ])("turns a %s into a fresh 256×256 WebP", async (_name, make) => {
    const input = await make();
    const output = await prepared(input);

    const meta = await sharp(output).metadata();
    expect(meta).toMatchObject({ format: "webp", width: AVATAR_SIZE, height: AVATAR_SIZE });
    expect(sniffImageType(output)).toBe("image/webp");
    expect(output.equals(input)).toBe(false);
  });

  it("draws a JPEG upright as its EXIF orientation says, then drops the EXIF", async () => {
    // stored sideways with orientation 6 (rotate 90° clockwise to show): the red left half belongs at the top
    const secret = "Home of the owner, 51.5 N 0.12 W";
    const input = await halves(200)
      .jpeg()
      .withExif({ IFD0: { ImageDescription: secret } })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect(await sharp(input).metadata()).toMatchObject({ orientation: 6 });
    expect(input.toString("latin1")).toContain(secret);

    const output = await prepared(input);

    const middle = AVATAR_SIZE / 2;
    expect(isNear(await pixelAt(output, middle, 20), RED)).toBe(true);
    expect(isNear(await pixelAt(output, middle, AVATAR_SIZE - 20), BLUE)).toBe(true);
    const meta = await sharp(output).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(output.toString("latin1")).not.toContain(secret);
  });

  it("keeps nothing that rode along after the image data", async () => {
    const payload = "<script>alert(document.cookie)</script>";
    const input = Buffer.concat([await png(), Buffer.from(payload)]);
    const output = await prepared(input);
    expect(output.toString("latin1")).not.toContain(payload);
  });

  it("refuses a GIF, an SVG and a text file as the wrong type", async () => {
    for (const bytes of [
      await gif(),
      Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64"/></svg>'),
      Buffer.from("hello, I am a text file named avatar.jpg\n"),
    ]) {
      expect(await prepareAvatar(bytes)).toEqual({ ok: false, error: AVATAR_ERRORS.wrongType });
    }
  });

  it("refuses an empty file", async () => {
    expect(await prepareAvatar(new Uint8Array())).toEqual({ ok: false, error: AVATAR_ERRORS.empty });
  });

  it("refuses a file over 2 MB before looking inside; at exactly 2 MB it reads the content", async () => {
    const signature = (await png()).subarray(0, 8);
    const sized = (length: number) => {
      const bytes = new Uint8Array(length);
      bytes.set(signature);
      return bytes;
    };
    expect(AVATAR_MAX_BYTES).toBe(2 * 1024 * 1024);
    expect(await prepareAvatar(sized(AVATAR_MAX_BYTES + 1))).toEqual({ ok: false, error: AVATAR_ERRORS.tooBig });
    expect(await prepareAvatar(sized(AVATAR_MAX_BYTES))).toEqual({ ok: false, error: AVATAR_ERRORS.unreadable });
  });

  it("refuses an image with more pixels than it may decode, though the file is small", async () => {
    const huge = await solid(10_000, 5_000).png({ compressionLevel: 9, palette: true }).toBuffer();
    expect(huge.length).toBeLessThan(AVATAR_MAX_BYTES);
    expect(sniffImageType(huge)).toBe("image/png");

    expect(await prepareAvatar(huge)).toEqual({ ok: false, error: AVATAR_ERRORS.tooManyPixels });
  });

  it.each([
    ["longer than 8,192 pixels", 100, 8_193, AVATAR_ERRORS.tooLongSide],
    ["wider than 8,192 pixels", 8_193, 1_000, AVATAR_ERRORS.tooLongSide],
    ["more than 10 times taller than wide", 100, 1_001, AVATAR_ERRORS.tooNarrow],
    ["more than 10 times wider than tall", 1_001, 100, AVATAR_ERRORS.tooNarrow],
  ])("refuses an image %s, from its header", async (_name, width, height, error) => {
    expect(await prepareAvatar(await png(width, height))).toEqual({ ok: false, error });
  });

  it("takes an image at the bounds: 8,192 pixels long, 10 times longer than wide", async () => {
    for (const [width, height] of [
      [8_192, 820],
      [100, 1_000],
    ] as const) {
      expect(await sharp(await prepared(await png(width, height))).metadata()).toMatchObject({ width: AVATAR_SIZE, height: AVATAR_SIZE });
    }
  });

  it("still crops to what draws the eye, chosen on the shrunken preview", async () => {
    // a grey strip with one red square near its right end: the avatar is that square
    const width = 3_000;
    const height = 600;
    const square = await sharp({ create: { width: 500, height: 500, channels: 3, background: RED } })
      .png()
      .toBuffer();
    const input = await solid(width, height, "#808080")
      .composite([{ input: square, left: 2_400, top: 50 }])
      .png()
      .toBuffer();
    const output = await prepared(input);
    expect(isNear(await pixelAt(output, AVATAR_SIZE / 2, AVATAR_SIZE / 2), RED)).toBe(true);
  });

  it("refuses a truncated PNG and a PNG signature followed by junk as unreadable", async () => {
    const whole = await halves(200).png().toBuffer();
    const truncated = whole.subarray(0, Math.floor(whole.length / 2));
    const junk = Buffer.concat([whole.subarray(0, 8), Buffer.from("this is not an image at all, only text")]);

    expect(await prepareAvatar(truncated)).toEqual({ ok: false, error: AVATAR_ERRORS.unreadable });
    expect(await prepareAvatar(junk)).toEqual({ ok: false, error: AVATAR_ERRORS.unreadable });
  });
});
