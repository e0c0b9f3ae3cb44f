import { describe, expect, it, vi } from "vitest";
import * as z from "zod/mini";
import { lazyZodResolver } from "./lazy-zod-resolver";

const schema = z.object({ email: z.email("Enter a valid email address.") });
const options = { fields: {}, shouldUseNativeValidation: false } as const;

describe("lazyZodResolver", () => {
  it("fetches nothing until the form is used, then checks with the loaded schema", async () => {
    const loadSchema = vi.fn(async () => schema);
    const { resolver } = lazyZodResolver(loadSchema);
    expect(loadSchema).not.toHaveBeenCalled();

    const bad = await resolver({ email: "nope" }, undefined, options);
    expect(bad.errors.email?.message).toBe("Enter a valid email address.");
    const good = await resolver({ email: "a@example.com" }, undefined, options);
    expect(good.errors).toEqual({});
    expect(good.values).toEqual({ email: "a@example.com" });
    expect(loadSchema).toHaveBeenCalledTimes(1);
  });

  it("preload starts the fetch once, and the checks reuse it", async () => {
    const loadSchema = vi.fn(async () => schema);
    const { preload, resolver } = lazyZodResolver(loadSchema);
    preload();
    preload();
    await resolver({ email: "x" }, undefined, options);
    expect(loadSchema).toHaveBeenCalledTimes(1);
  });

  it("lets the form through to the server when the code cannot be fetched, and tries again next time", async () => {
    const loadSchema = vi.fn().mockRejectedValueOnce(new TypeError("Failed to fetch")).mockResolvedValue(schema);
    const { preload, resolver } = lazyZodResolver(loadSchema);
    preload(); // a failed preload is not an unhandled rejection
    const offline = await resolver({ email: "nope" }, undefined, options);
    expect(offline).toEqual({ values: { email: "nope" }, errors: {} });
    const online = await resolver({ email: "nope" }, undefined, options);
    expect(online.errors.email?.message).toBe("Enter a valid email address.");
    expect(loadSchema).toHaveBeenCalledTimes(2);
  });
});
