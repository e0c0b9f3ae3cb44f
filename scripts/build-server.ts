// The second half of `npm run build`: compiles what `npm start` runs outside
// Next.js (server.ts, and the embedded database's preparation) to plain
// JavaScript, so that a production install (`npm ci --omit=dev`) starts
// without a TypeScript loader. Packages stay imports, resolved at run time
// from node_modules like any other runtime dependency.
import { build } from "esbuild";

export const SERVER_OUT_DIR = ".next/app-server";

await build({
  entryPoints: { server: "server.ts", "prepare-embedded-db": "scripts/prepare-embedded-db.ts" },
  outdir: SERVER_OUT_DIR,
  outExtension: { ".js": ".mjs" },
  bundle: true,
  packages: "external",
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
});
