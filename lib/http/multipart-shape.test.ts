import { createRequire } from "node:module";
import type { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { isWellFormedMultipart, multipartBoundary } from "./multipart-shape";

const type = "multipart/form-data; boundary=----b1";
/** The parser Next.js reads a JavaScript call's arguments with. */
const busboy = createRequire(import.meta.url)("next/dist/compiled/busboy") as (options: { headers: Record<string, string> }) => Writable;
const busboyReads = (bytes: Buffer) =>
  new Promise<boolean>((resolve) => {
    const parser = busboy({ headers: { "content-type": type } });
    parser.on("field", () => {});
    parser.on("error", () => resolve(false));
    parser.on("close", () => resolve(true));
    parser.end(bytes);
  });
const body = (text: string) => Buffer.from(text, "latin1");
const GOOD =
  '------b1\r\nContent-Disposition: form-data; name="email"\r\n\r\na@b.test\r\n' +
  '------b1\r\nContent-Disposition: form-data; name="avatar"; filename="me.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\r\n' +
  "------b1--\r\n";

describe("fence 7: isWellFormedMultipart", () => {
  it("takes a body as a browser writes it, files and blank lines in values included", async () => {
    expect(isWellFormedMultipart(body(GOOD), type)).toBe(true);
    // and the Fetch API reads it the same way
    const form = await new Response(body(GOOD), { headers: { "Content-Type": type } }).formData();
    expect(form.get("email")).toBe("a@b.test");
  });

  it.each([
    ["no boundary in the header", GOOD, "multipart/form-data"],
    ["another boundary in the header", GOOD, "multipart/form-data; boundary=other"],
    ["a body cut short", GOOD.slice(0, 60), type],
    ["no closing boundary", GOOD.replace("------b1--\r\n", ""), type],
    ["a part with no headers", `------b1\r\n\r\nx\r\n${GOOD}`, type],
    ["a part with no Content-Disposition", `------b1\r\nX-Other: 1\r\n\r\nx\r\n${GOOD}`, type],
    ["a name left open", `------b1\r\nContent-Disposition: form-data; name="a\r\n\r\nx\r\n${GOOD}`, type],
    ["a header line with no colon", `------b1\r\nContent-Disposition: form-data; name="a"\r\nnonsense\r\n\r\nx\r\n${GOOD}`, type],
    ["something after the end", `${GOOD}trailing`, type],
    ["a control character in a field name", `------b1\r\nContent-Disposition: form-data; name="a\u0001"\r\n\r\nx\r\n${GOOD}`, type],
  ])("refuses %s", (_case, text, contentType) => {
    expect(isWellFormedMultipart(body(text), contentType)).toBe(false);
  });
});

describe("fence 7: a part's header, which Next.js's parser (busboy) reads no further than 16 KiB", () => {
  // the header with its blank line: 38 + name + 5 bytes
  const withName = (length: number) => body(`------b1\r\nContent-Disposition: form-data; name="${"n".repeat(length)}"\r\n\r\nx\r\n${GOOD}`);

  it("is taken up to 16,383 bytes and refused from 16,384, where busboy fails too", async () => {
    expect(isWellFormedMultipart(withName(16_383 - 43), type)).toBe(true);
    expect(await busboyReads(withName(16_383 - 43))).toBe(true);
    expect(isWellFormedMultipart(withName(16_384 - 43), type)).toBe(false);
    expect(await busboyReads(withName(16_384 - 43))).toBe(false);
  });

  it("is still read by the Fetch API past that point: the gap the fence closes", async () => {
    const form = await new Response(withName(16_384 - 43), { headers: { "Content-Type": type } }).formData();
    expect(form.get("email")).toBe("a@b.test");
  });
});

describe("multipartBoundary", () => {
  it("reads a plain or quoted boundary", () => {
    expect(multipartBoundary("multipart/form-data; boundary=----WebKitFormBoundaryAbC")).toBe("----WebKitFormBoundaryAbC");
    expect(multipartBoundary('multipart/form-data; boundary="a b"')).toBe("a b");
    expect(multipartBoundary("multipart/form-data; charset=utf-8")).toBeNull();
  });
});
