import { describe, expect, it } from "vitest";
import { frameHtml } from "./frame-html";

describe("frameHtml", () => {
  it("makes links open in a new tab, first thing in the head", () => {
    expect(frameHtml('<html><head lang="en"><title>x</title></head></html>')).toBe('<html><head lang="en"><base target="_blank"><title>x</title></head></html>');
  });

  it("works on a fragment without a head", () => {
    expect(frameHtml('<p><a href="http://localhost:3000/">x</a></p>')).toBe('<base target="_blank"><p><a href="http://localhost:3000/">x</a></p>');
  });

  it("is not fooled by <header>", () => {
    expect(frameHtml("<header>x</header>")).toBe('<base target="_blank"><header>x</header>');
  });
});
