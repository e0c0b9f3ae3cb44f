// Scenario 6: what one ordinary picture upload costs. A signed-in client posts
// a 12-megapixel photo-like JPEG (under the 2 MB limit) to the avatar form, as
// a browser without JavaScript does, one upload at a time; the row reports
// the median answer time, and the details the server's peak memory growth
// (Linux: VmHWM of the server process, reset before each upload). A figure to
// read, not a limit: nothing fails on it.
import sharp from "sharp";
import { resetPeak, serverMemory } from "../../e2e/support/process-memory";
import type { BenchContext } from "./context";
import { send, type CookieJar } from "./http";
import { decodeEntities } from "./no-js-form";
import type { ScenarioResult } from "./report";
import { BENCH_PASSWORD } from "./seed-users";
import { signIn } from "./sign-in";

const EDIT_PAGE = "/profile/edit";
const MAX_BYTES = 2 * 1024 * 1024;

/** Smooth colour ramps with grain, as a camera's JPEG: it neither compresses to nothing nor is pure noise. */
async function photoLikeJpeg(width = 4_032, height = 3_024): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const grain = (x * 7919 + y * 104_729) % 23;
      const offset = (y * width + x) * 3;
      pixels[offset] = ((x * 255) / width + grain) & 255;
      pixels[offset + 1] = ((y * 255) / height + grain) & 255;
      pixels[offset + 2] = (x + y) & 255;
    }
  }
  const jpeg = await sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 60 })
    .toBuffer();
  if (jpeg.length >= MAX_BYTES) throw new Error(`the test photo came out at ${jpeg.length} bytes, over the upload limit`);
  return jpeg;
}

/** The hidden fields of the page's avatar upload form (the one with the file input). */
function avatarFormFields(html: string): Map<string, string> {
  const form = [...html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/g)].find((match) => /type="file"/.test(match[1] ?? ""));
  const fields = new Map<string, string>();
  for (const input of form?.[1]?.match(/<input\b[^>]*type="hidden"[^>]*>/g) ?? []) {
    const name = /\sname="([^"]*)"/.exec(input)?.[1];
    if (name) fields.set(decodeEntities(name), decodeEntities(/\svalue="([^"]*)"/.exec(input)?.[1] ?? ""));
  }
  if (![...fields.keys()].some((name) => name.startsWith("$ACTION_"))) throw new Error(`no avatar upload form on ${EDIT_PAGE}`);
  return fields;
}

async function uploadOnce(baseURL: string, jar: CookieJar, photo: Buffer): Promise<number> {
  const page = await send(`${baseURL}${EDIT_PAGE}`, { jar });
  if (page.status !== 200) throw new Error(`GET ${EDIT_PAGE}: HTTP ${page.status}`);
  const form = new FormData();
  for (const [name, value] of avatarFormFields(page.body)) form.append(name, value);
  form.append("avatar", new Blob([new Uint8Array(photo)], { type: "image/jpeg" }), "photo.jpg");
  const answer = await send(`${baseURL}${EDIT_PAGE}`, { method: "POST", body: form, jar, headers: { origin: baseURL } });
  const location = answer.headers.get("location") ?? "";
  if (answer.status !== 303 || !location.includes("updated=avatar")) throw new Error(`the upload was not saved (HTTP ${answer.status} ${location})`);
  return answer.ms;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

export async function avatarUploadCost({ config, server, users }: BenchContext): Promise<ScenarioResult> {
  const session = await signIn(server.baseURL, users.stayingEmail, BENCH_PASSWORD);
  if (!session.ok) throw new Error(`could not sign in to upload: ${session.error}`);
  const photo = await photoLikeJpeg();
  await uploadOnce(server.baseURL, session.jar, photo); // warm-up: the first render of the page and the first decode
  // the account may upload 10 an hour (LIMIT_AVATAR_UPLOAD); stay under it
  const uploads = config.short ? 3 : 6;
  const group = server.processGroup();
  const times: number[] = [];
  const growths: number[] = [];
  for (let i = 0; i < uploads; i++) {
    const before = group === undefined || process.platform !== "linux" ? undefined : serverMemory(group);
    if (before) resetPeak(before.pid);
    times.push(await uploadOnce(server.baseURL, session.jar, photo));
    if (before && group !== undefined) growths.push(serverMemory(group).peakMiB - before.rssMiB);
  }
  const memory =
    growths.length > 0
      ? `server peak memory growth per upload: median ${median(growths).toFixed(1)} MiB, max ${Math.max(...growths).toFixed(1)} MiB`
      : "server memory: not measured (needs Linux's /proc)";
  return {
    measured: `${median(times).toFixed(0)} ms per upload`,
    baseline: "",
    score: median(times),
    scoreIs: "measured",
    target: { op: "≤", value: 1000, unit: " ms" },
    details: [
      `${uploads} uploads of a ${(photo.length / 1024 / 1024).toFixed(2)} MB 4032×3024 JPEG, one at a time (GET the form's page, then POST it): median ${median(times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms for the POST`,
      memory,
    ],
  };
}
