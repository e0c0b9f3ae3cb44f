import { describe, expect, it } from "vitest";
import { isWellFormedMultipart, multipartBoundary } from "./multipart-shape";

const type = "multipart/form-data; boundary=----b1";
const body = (text: string) => Buffer.from(text, "latin1");
const GOOD =
  '------b1\r\nContent-Disposition: form-data; name="email"\r\n\r\na@b.test\r\n' +
  '------b1\r\nContent-Disposition: form-data; name="avatar"; filename="me.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\r\n' +
  "------b1--\r\n";

describe("isWellFormedMultipart", () => {
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

describe("multipartBoundary", () => {
  it("reads a plain or quoted boundary", () => {
    expect(multipartBoundary("multipart/form-data; boundary=----WebKitFormBoundaryAbC")).toBe("----WebKitFormBoundaryAbC");
    expect(multipartBoundary('multipart/form-data; boundary="a b"')).toBe("a b");
    expect(multipartBoundary("multipart/form-data; charset=utf-8")).toBeNull();
  });
});
