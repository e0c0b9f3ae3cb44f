import { describe, expect, it } from "vitest";
import { isServedMethod, SERVED_METHODS } from "./served-methods";

const URL = "http://127.0.0.1:3000/";

describe("fence 1: methods the Fetch API refuses", () => {
  it.each(["CONNECT", "TRACE", "TRACK"])("%s cannot become the Request Next.js builds, so it is not served", (method) => {
    // the day this stops throwing, the fence can go
    expect(() => new Request(URL, { method })).toThrow(TypeError);
    expect(isServedMethod(method)).toBe(false);
  });

  it("serves only methods the Fetch API takes", () => {
    for (const method of SERVED_METHODS) expect(() => new Request(URL, { method, body: method === "GET" || method === "HEAD" ? undefined : "x" })).not.toThrow();
    expect(isServedMethod("PROPFIND")).toBe(false);
    expect(isServedMethod(undefined)).toBe(false);
  });
});
