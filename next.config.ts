import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants";
import { ACTION_BODY_LIMIT_MB } from "./lib/request-limits";

export default function config(phase: string): NextConfig {
  const development = phase === PHASE_DEVELOPMENT_SERVER;
  return {
    // Files named page.dev.tsx / route.dev.ts (the local mailbox) are routes
    // only under `next dev`: a production build does not contain them at all.
    pageExtensions: development ? ["dev.tsx", "dev.ts", "tsx", "ts"] : ["tsx", "ts"],
    // PGlite loads its .wasm and data files relative to its own module; bundled, it cannot find them.
    // piscina starts worker threads from a file path; it must stay a plain Node module.
    serverExternalPackages: ["@electric-sql/pglite", "piscina"],
    experimental: { serverActions: { bodySizeLimit: `${ACTION_BODY_LIMIT_MB}mb` } },
    // No page uses next/image; its optimizer route (/_next/image) fetched our own URLs and answered 500 for
    // ?url=/profile/avatar (issue 15, finding 7). Unoptimized, Next.js answers that route with a 404.
    images: { unoptimized: true },
    // `npm test` type-checks the whole tree, with the route types `next typegen` writes, in a
    // stage of its own before it builds; it sets this so the build does not check the same files
    // again. Any other build checks them.
    typescript: { ignoreBuildErrors: process.env.BUILD_SKIP_TYPECHECK === "1" },
    poweredByHeader: false,
    productionBrowserSourceMaps: false,
  };
}
