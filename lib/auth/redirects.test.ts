import { describe, expect, it } from "vitest";
import { safeCallbackPath, safeRedirectUrl } from "./redirects";

const attacks = [
  "https://evil.test",
  "//evil.test",
  "/\\evil.test",
  "\\\\evil.test",
  "https:evil.test",
  "/%2F%2Fevil.test",
  "http://127.0.0.1:3000@evil.test",
  "javascript:alert(1)",
  "data:text/html,x",
  "/\t/evil.test",
  " //evil.test",
  "///evil.test",
  "////evil.test",
  "/\\/evil.test",
  "\\/evil.test",
  "http:/evil.test",
  "http:\\\\evil.test",
  "https:/\\evil.test",
  "//evil.test/%2e%2e",
  "/%09/evil.test",
  "/%5Cevil.test",
  "%2F%2Fevil.test",
  "//evil%2Etest",
  "https://evil.test#http://127.0.0.1:3000/",
  "https://127.0.0.1:3000.evil.test",
  "http://evil.test\\@127.0.0.1:3000",
  "//evil.test\\@127.0.0.1:3000",
  "http://[::ffff:7f00:1]@evil.test",
  "JaVaScRiPt:alert(1)",
  "java\nscript:alert(1)",
  "\u0000//evil.test",
  "//evil\u3002test",
  "vbscript:msgbox(1)",
];

describe("safeCallbackPath", () => {
  it.each(attacks)("refuses %j", (value) => {
    const path = safeCallbackPath(value);
    expect(path.startsWith("/")).toBe(true);
    expect(new URL(path, "http://app.test").origin).toBe("http://app.test");
  });

  it("keeps same-origin paths with their query and fragment", () => {
    expect(safeCallbackPath("/settings/password?x=1#top")).toBe("/settings/password?x=1#top");
  });

  it("falls back for anything that is not a string", () => {
    expect(safeCallbackPath(undefined)).toBe("/profile");
    expect(safeCallbackPath(["/x"])).toBe("/profile");
  });
});

describe("safeRedirectUrl", () => {
  const base = "http://127.0.0.1:3000";
  it.each(attacks)("keeps %j on our origin", (value) => {
    expect(new URL(safeRedirectUrl(value, base)).origin).toBe(base);
  });

  it("allows our own absolute URLs and paths", () => {
    expect(safeRedirectUrl(`${base}/profile`, base)).toBe(`${base}/profile`);
    expect(safeRedirectUrl("/profile", base)).toBe(`${base}/profile`);
  });
});
