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
    // Each worker runs its files one after another in one module registry instead of a fresh
    // one per file: importing Prisma, PGlite and the app's modules again for each of 75 files
    // took a third of the run (166 s → 103 s here). So a test must not lean on module state
    // left fresh for it (env() is read once; stubbed variables are unstubbed after each test);
    // `npm run test:full` runs every file isolated, which catches one that does.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { NODE_ENV: "test" },
  },
});
