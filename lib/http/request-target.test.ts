import { describe, expect, it } from "vitest";
import { isDecodablePath } from "./request-target";

describe("fence 2: isDecodablePath", () => {
  it("takes paths whose escapes are UTF-8, whatever the query holds", () => {
    for (const url of ["/", "/api/auth/session", "/caf%C3%A9", "/login?callbackUrl=%ff%fe", "/x?%"]) expect(isDecodablePath(url)).toBe(true);
  });

  it("refuses escapes that are no UTF-8, or broken", () => {
    for (const url of ["/api/auth/session/%e2%82", "/%ff", "/%ED%A0%80", "/a%", "/a%zz?x=1", "/x/%C0%AF"]) expect(isDecodablePath(url)).toBe(false);
  });
});
