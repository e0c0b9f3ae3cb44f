// The profile picture, with and without JavaScript: a real image is
// re-encoded to a 256×256 WebP served only to its owner, can be replaced and
// removed; anything that is not a PNG, JPEG or WebP within 2 MB is refused
// with its reason and leaves the stored picture as it was.
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, javaScriptVariant, test, type App } from "../support/fixtures";
import { BLUE, inspectImage, isNear, noisyPng, RED, solidImage, type UploadFile } from "../support/images";
import { resetPeak, serverMemory } from "../support/process-memory";
import { expectFieldError, signedInAccount, signOut } from "../support/settings";

const MAX_BYTES = 2 * 1024 * 1024;
const PROFILE_PICTURE = "Your profile picture";
const TOO_BIG = "That file is larger than 2 MB. Choose a smaller image.";
const NOT_AN_IMAGE = "That file isn't a PNG, JPEG or WebP image.";
const UNREADABLE = "That image couldn't be read.";
const TOO_LONG = "That image is more than 8,192 pixels across. Choose a smaller one.";
/** What one refused upload may add to the server's peak memory; before the fix these two PNGs added 0.7 and 4.6 GiB. */
const PEAK_GROWTH_LIMIT_MIB = 96;

async function upload(page: Page, file: UploadFile | []) {
  await page.goto("/profile/edit");
  await page.getByLabel(/^(Upload a picture|Replace your picture)$/).setInputFiles(file);
  await page.getByRole("button", { name: "Upload picture" }).click();
}

/** The picture's address on /profile, once it shows one. */
async function pictureOnProfile(page: Page): Promise<string> {
  await page.goto("/profile");
  const src = await page.getByRole("main").getByRole("img", { name: PROFILE_PICTURE }).getAttribute("src");
  expect(src).toMatch(/^\/profile\/avatar\?v=[\w-]+$/);
  return src ?? "";
}

async function fetchPicture(request: APIRequestContext, src: string) {
  const response = await request.get(src);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("image/webp");
  return response.body();
}

/** A signed-in account with a stored picture, and a check that it is still exactly that picture. */
async function accountWithPicture(page: Page, app: App) {
  await signedInAccount(page, app);
  await upload(page, { name: "red.png", mimeType: "image/png", buffer: await solidImage("png", 64, 64, RED) });
  await expect(page).toHaveURL(/\/profile\/edit\?updated=avatar$/);
  const src = await pictureOnProfile(page);
  const original = await fetchPicture(page.request, src);
  return {
    src,
    async expectUnchanged() {
      expect(await pictureOnProfile(page)).toBe(src);
      expect((await fetchPicture(page.request, src)).equals(original)).toBe(true);
    },
  };
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });
    javaScriptVariant(javaScriptEnabled);

    test("a picture is uploaded as a 256×256 WebP, replaced, and removed", async ({ page, app }) => {
      await signedInAccount(page, app);
      await page.goto("/profile");
      await expect(page.getByRole("main").getByRole("img", { name: "No profile picture" })).toBeVisible();

      await upload(page, { name: "red.png", mimeType: "image/png", buffer: await solidImage("png", 600, 400, RED) });
      await expect(page).toHaveURL(/\/profile\/edit\?updated=avatar$/);
      await expect(page.getByRole("status").filter({ hasText: "Your new picture was saved." })).toBeVisible();
      await expect(page.getByLabel("Replace your picture")).toBeVisible();

      const first = await pictureOnProfile(page);
      await expect(page.getByRole("main").getByRole("img", { name: "No profile picture" })).toHaveCount(0);
      const stored = await inspectImage(await fetchPicture(page.request, first));
      expect(stored).toMatchObject({ format: "webp", width: 256, height: 256 });
      expect(isNear(stored.mean, RED), `mean colour ${JSON.stringify(stored.mean)}`).toBe(true);

      await upload(page, { name: "blue.jpg", mimeType: "image/jpeg", buffer: await solidImage("jpeg", 300, 500, BLUE) });
      await expect(page).toHaveURL(/\/profile\/edit\?updated=avatar$/);
      const second = await pictureOnProfile(page);
      expect(second).not.toBe(first);
      const replaced = await inspectImage(await fetchPicture(page.request, second));
      expect(replaced).toMatchObject({ format: "webp", width: 256, height: 256 });
      expect(isNear(replaced.mean, BLUE), `mean colour ${JSON.stringify(replaced.mean)}`).toBe(true);

      await page.goto("/profile/edit");
      await page.getByRole("button", { name: "Remove picture" }).click();
      await expect(page).toHaveURL(/\/profile\/edit\?updated=avatar-removed$/);
      await expect(page.getByRole("status").filter({ hasText: "Your picture was removed." })).toBeVisible();
      await expect(page.getByLabel("Upload a picture")).toBeVisible();
      await expect(page.getByRole("button", { name: "Remove picture" })).toHaveCount(0);
      await page.goto("/profile");
      await expect(page.getByRole("main").getByRole("img", { name: "No profile picture" })).toBeVisible();
      await expect(page.getByRole("img", { name: PROFILE_PICTURE })).toHaveCount(0);
      expect((await page.request.get(second)).status()).toBe(404);
    });

    test("non-images, GIFs, damaged files, no file and files over 2 MB or 8 MB are refused; the picture stays", async ({ page, app }) => {
      const kept = await accountWithPicture(page, app);
      const cases: [string, UploadFile, string][] = [
        ["a text file", { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("just some words\n") }, NOT_AN_IMAGE],
        ["an HTML page named photo.png", { name: "photo.png", mimeType: "image/png", buffer: Buffer.from("<!doctype html><script>alert(1)</script>") }, NOT_AN_IMAGE],
        ["a GIF", { name: "blue.gif", mimeType: "image/gif", buffer: await solidImage("gif", 32, 32, BLUE) }, NOT_AN_IMAGE],
        ["a damaged PNG", { name: "cut.png", mimeType: "image/png", buffer: (await solidImage("png", 64, 64, BLUE)).subarray(0, 60) }, UNREADABLE],
      ];
      for (const [what, file, message] of cases) {
        await test.step(what, async () => {
          await upload(page, file);
          await expectFieldError(page.getByLabel("Replace your picture"), message);
          await expect(page).toHaveURL(/\/profile\/edit$/);
        });
      }

      await upload(page, []);
      await expectFieldError(page.getByLabel("Replace your picture"), "Choose an image to upload.");
      await expect(page).toHaveURL(/\/profile\/edit$/);

      await upload(page, { name: "huge.png", mimeType: "image/png", buffer: await noisyPng(MAX_BYTES + 64 * 1024) });
      await expectFieldError(page.getByLabel("Replace your picture"), TOO_BIG);
      await expect(page).toHaveURL(/\/profile\/edit$/);

      await upload(page, { name: "enormous.png", mimeType: "image/png", buffer: await noisyPng(9 * 1024 * 1024) });
      await expectFieldError(page.getByLabel("Replace your picture"), TOO_BIG);
      // fence 6: without JavaScript the post itself is turned away before it is read, and comes back here
      await expect(page).toHaveURL(javaScriptEnabled ? /\/profile\/edit$/ : /\/profile\/edit\?too-large=1$/);
      await kept.expectUnchanged();
    });
  });
}

test("the picture is served only to its owner's live session", async ({ page, browser, app }) => {
  const { src } = await accountWithPicture(page, app);
  const response = await page.request.get(src);
  expect(response.headers()["cache-control"]).toContain("private");
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  // fence 13: its own policy, not the pages' (which allows scripts with a nonce, and images from the app)
  expect(response.headers()["content-security-policy"]).toBe("default-src 'none'; sandbox");

  // someone else signed in gets their own (none), not this one
  const other = await browser.newContext({ baseURL: app.baseURL });
  const otherPage = await other.newPage();
  await signedInAccount(otherPage, app);
  expect((await otherPage.request.get(src)).status()).toBe(404);
  await other.close();

  // no cookie: off to sign in; a cookie whose session ended: 401
  const stranger = await browser.newContext({ baseURL: app.baseURL });
  const anonymous = await stranger.request.get(src, { maxRedirects: 0 });
  expect(anonymous.status()).toBeGreaterThanOrEqual(300);
  expect(anonymous.headers()["content-type"] ?? "").not.toContain("image");
  await stranger.close();
  const cookies = await page.context().cookies();
  await signOut(page, app);
  const ended = await browser.newContext({ baseURL: app.baseURL });
  await ended.addCookies(cookies);
  expect((await ended.request.get(src, { maxRedirects: 0 })).status()).toBe(401);
  await ended.close();
});

test("a small PNG of extreme shape is refused at once, and the server's peak memory barely moves", async ({ page, app }, testInfo) => {
  test.skip(process.platform !== "linux", "reads the server's memory from /proc");
  const group = app.server.processGroup();
  if (group === undefined) throw new Error("the app server is not running");
  const kept = await accountWithPicture(page, app);
  for (const [width, height] of [
    [40, 999_999],
    [100, 399_999],
  ] as const) {
    await test.step(`${width} × ${height}`, async () => {
      // a solid colour: millions of pixels in half a megabyte
      const buffer = await solidImage("png", width, height, BLUE);
      expect(buffer.length).toBeLessThan(MAX_BYTES);
      await page.goto("/profile/edit");
      await page.getByLabel("Replace your picture").setInputFiles({ name: "tall.png", mimeType: "image/png", buffer });

      const before = serverMemory(group);
      resetPeak(before.pid);
      const started = Date.now();
      await page.getByRole("button", { name: "Upload picture" }).click();
      await expectFieldError(page.getByLabel("Replace your picture"), TOO_LONG);
      const ms = Date.now() - started;
      const after = serverMemory(group);

      const growth = after.peakMiB - before.rssMiB;
      const figures = `${width} × ${height} PNG (${(buffer.length / 1024).toFixed(0)} KiB): refused in ${ms} ms; server RSS ${before.rssMiB.toFixed(0)} MiB before, peak ${after.peakMiB.toFixed(0)} MiB during (+${growth.toFixed(1)} MiB)`;
      testInfo.annotations.push({ type: "cost", description: figures });
      expect(growth, figures).toBeLessThan(PEAK_GROWTH_LIMIT_MIB);
    });
  }
  await kept.expectUnchanged();
});

test("the image optimizer route is not there: 404 for any address, signed in or not, never 500", async ({ page, app, request }) => {
  const targets = [
    "/_next/image?url=%2Fprofile%2Favatar&w=256&q=75",
    "/_next/image?url=/profile/avatar",
    "/_next/image?url=https%3A%2F%2Fexample.com%2Fa.png&w=64&q=75",
    "/_next/image",
  ];
  for (const target of targets) expect((await request.get(target)).status(), target).toBe(404);
  await accountWithPicture(page, app);
  for (const target of targets) expect((await page.request.get(target)).status(), target).toBe(404);
});
