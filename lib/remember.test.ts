import { describe, expect, it, vi } from "vitest";

describe("fence 15: remember", () => {
  it("makes a value once and gives the same one to every later caller", async () => {
    const { remember } = await import("./remember");
    const create = vi.fn(() => ({ made: Date.now() }));
    const first = remember("test-once", create);
    expect(remember("test-once", create)).toBe(first);
    expect(create).toHaveBeenCalledTimes(1);
  });

  it("shares the value with another instance of the module, as a second bundle layer would load it", async () => {
    const { remember } = await import("./remember");
    const first = remember("test-shared", () => new Set<string>());
    vi.resetModules();
    const again = await import("./remember");
    expect(again.remember).not.toBe(remember); // a separate module instance
    expect(again.remember("test-shared", () => new Set<string>())).toBe(first);
  });

  it("keeps values under different keys apart", async () => {
    const { remember } = await import("./remember");
    expect(remember("test-a", () => "a")).toBe("a");
    expect(remember("test-b", () => "b")).toBe("b");
  });
});
