import path from "node:path";
import { defineConfig } from "prisma/config";
import { DEFAULT_DATABASE_URL, makeAdapterFactory } from "./lib/db-adapter";

// The CLI never disposes the adapter, and both PGlite (PostgreSQL's internal
// timers) and the WebAssembly schema engine (10 s / 60 s timeouts) leave
// timers behind that would keep a finished command alive. Unref just those.
const setTimeoutWithRef = globalThis.setTimeout;
globalThis.setTimeout = ((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
  const timer = setTimeoutWithRef(callback, ms, ...args);
  const stack = new Error().stack ?? "";
  if (stack.includes("__setitimer_js") || (stack.includes("wasm://") && stack.includes("prisma/build/index.js"))) {
    timer.unref();
  }
  return timer;
}) as typeof setTimeout;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () => makeAdapterFactory(process.env.DATABASE_URL || DEFAULT_DATABASE_URL),
});
