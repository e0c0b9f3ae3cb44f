import { describe, expect, it } from "vitest";
import { splitLinks } from "./links";

describe("splitLinks", () => {
  it("keeps text without links as one part", () => {
    expect(splitLinks("Hello\nworld")).toEqual([{ kind: "text", value: "Hello\nworld" }]);
  });

  it("finds http and https links between text", () => {
    expect(splitLinks("Open http://localhost:3000/verify?token=a_b-c or https://example.test/x")).toEqual([
      { kind: "text", value: "Open " },
      { kind: "link", value: "http://localhost:3000/verify?token=a_b-c" },
      { kind: "text", value: " or " },
      { kind: "link", value: "https://example.test/x" },
    ]);
  });

  it("leaves sentence punctuation out of the link", () => {
    expect(splitLinks("See (https://example.test/a).")).toEqual([
      { kind: "text", value: "See (" },
      { kind: "link", value: "https://example.test/a" },
      { kind: "text", value: ")." },
    ]);
  });

  it("links only http(s), never other schemes", () => {
    expect(splitLinks("javascript:alert(1) ftp://example.test")).toEqual([{ kind: "text", value: "javascript:alert(1) ftp://example.test" }]);
  });

  it("does not link a bare scheme", () => {
    expect(splitLinks("http://.")).toEqual([{ kind: "text", value: "http://." }]);
  });
});
