import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // Next.js resolves "server-only" to an empty module on the server; so do tests.
      "server-only": path.join(root, "test/empty-module.ts"),
    },
  },
  test: {
    include: ["{lib,emails,test,app,components,scripts}/**/*.test.ts"],
    globalSetup: ["test/vitest-global-setup.ts"],
    pool: "forks",
    // vitest's default leaves one core idle (cores - 1): on two cores that is one file at a time
    maxWorkers: os.availableParallelism(),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: "test" },
  },
});
