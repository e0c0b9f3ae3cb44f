// What one hostile avatar may cost. A small PNG can describe a bitmap of
// 40 × 999,999 pixels; the old "cover" resize enlarged it to 256 × 6,399,994
// before cropping (about 60 s of CPU and 5 GB). Now the shape is refused from
// the header, and an allowed image is only shrunk before it is cropped, so
// the process's peak memory (VmHWM) barely moves.
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { AVATAR_ERRORS, AVATAR_MAX_BYTES } from "@/lib/validation/form-constants";
import { AVATAR_SIZE, prepareAvatar } from "./avatar-image";

/** Peak and current resident memory of this test process, in MiB. */
function memory(): { peak: number; now: number } {
  const status = fs.readFileSync("/proc/self/status", "utf8");
  const mib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN) / 1024;
  return { peak: mib("VmHWM"), now: mib("VmRSS") };
}

/** A solid-colour PNG: it compresses so well that millions of pixels fit in well under a megabyte. */
const solidPng = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: "#3366cc" } })
    .png({ compressionLevel: 9 })
    .toBuffer();

/** Runs prepareAvatar and says what it answered, how long it took and how far the peak memory rose. */
async function cost(bytes: Buffer) {
  const before = memory();
  const started = performance.now();
  const result = await prepareAvatar(bytes);
  return { result, ms: performance.now() - started, peakGrowthMiB: memory().peak - before.peak };
}

// the refusal and a success both come well under this; the old code grew by 745 MiB and 4.6 GiB for the two PNGs below
const PEAK_GROWTH_LIMIT_MIB = 128;

describe("prepareAvatar's cost", () => {
  it.each([
    [40, 999_999],
    [100, 399_999],
  ])("refuses a %i × %i PNG from its header, at once and without decoding it", async (width, height) => {
    const png = await solidPng(width, height);
    expect(png.length).toBeLessThan(AVATAR_MAX_BYTES);
    expect(await sharp(png).metadata()).toMatchObject({ width, height, format: "png" });

    const { result, ms, peakGrowthMiB } = await cost(png);

    expect(result).toEqual({ ok: false, error: AVATAR_ERRORS.tooLongSide });
    expect(peakGrowthMiB, `peak memory grew by ${peakGrowthMiB} MiB`).toBeLessThan(PEAK_GROWTH_LIMIT_MIB);
    expect(ms, `took ${ms} ms`).toBeLessThan(1_000);
  });

  it("draws the largest image it takes (40 megapixels) without holding it whole", async () => {
    const png = await solidPng(8_192, 4_880);
    const { result, peakGrowthMiB } = await cost(png);
    expect(result.ok).toBe(true);
    // the whole bitmap would be 120 MB; streamed and shrunk it is a few tens
    expect(peakGrowthMiB, `peak memory grew by ${peakGrowthMiB} MiB`).toBeLessThan(PEAK_GROWTH_LIMIT_MIB);
  });

  it.each([
    ["a narrow strip at the ratio bound (8 × 80)", 8, 80],
    ["a tall image at both bounds (819 × 8,190)", 819, 8_190],
  ])("makes the full-size avatar from %s, cheaply", async (_name, width, height) => {
    const { result, peakGrowthMiB } = await cost(await solidPng(width, height));
    if (!result.ok) throw new Error(`refused: ${result.error}`);
    expect(await sharp(result.image.data).metadata()).toMatchObject({ width: AVATAR_SIZE, height: AVATAR_SIZE });
    expect(peakGrowthMiB, `peak memory grew by ${peakGrowthMiB} MiB`).toBeLessThan(PEAK_GROWTH_LIMIT_MIB);
  });
});
