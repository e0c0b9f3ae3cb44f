import { describe, expect, it } from "vitest";
import { crossSiteReason, ownOrigins } from "./same-origin";

const origins = ownOrigins("https://accounts.example");
const headers = (fields: Record<string, string>) => new Headers(fields);

describe("crossSiteReason", () => {
  it("lets reads through whatever they carry", () => {
    expect(crossSiteReason("GET", headers({ origin: "https://evil.test", "sec-fetch-site": "cross-site" }), origins)).toBeNull();
  });

  it("lets a same-origin post through", () => {
    expect(crossSiteReason("POST", headers({ origin: "https://accounts.example", "sec-fetch-site": "same-origin" }), origins)).toBeNull();
    // browsers that do not send Fetch Metadata still send Origin
    expect(crossSiteReason("POST", headers({ origin: "https://accounts.example" }), origins)).toBeNull();
  });

  it.each([
    [{ origin: "https://evil.test" }, "foreign-origin"],
    [{ origin: "null" }, "foreign-origin"],
    [{ origin: "http://accounts.example" }, "foreign-origin"],
    [{}, "missing-origin"],
    [{ origin: "https://accounts.example", "sec-fetch-site": "cross-site" }, "cross-site-fetch"],
    [{ origin: "https://accounts.example", "sec-fetch-site": "same-site" }, "cross-site-fetch"],
  ])("refuses a post with %j", (fields, reason) => {
    expect(crossSiteReason("POST", headers(fields), origins)).toBe(reason);
    expect(crossSiteReason("DELETE", headers(fields), origins)).toBe(reason);
  });
});

describe("ownOrigins", () => {
  it("is the configured origin only", () => {
    expect(ownOrigins("https://accounts.example/some/path")).toEqual(["https://accounts.example"]);
  });

  it("names a loopback server by each of its loopback names, on its port", () => {
    expect(ownOrigins("http://127.0.0.1:3000")).toEqual(["http://localhost:3000", "http://127.0.0.1:3000", "http://[::1]:3000"]);
  });
});
