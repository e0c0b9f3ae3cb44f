// Fence 8 (lib/fences.ts): the ids of the server actions in this build, from
// the manifest `next build` writes. Null under `next dev`, which compiles
// actions as pages are opened (there, an id is only checked for its shape).
import fs from "node:fs";
import path from "node:path";

let ids: ReadonlySet<string> | null | undefined;

export function builtServerActionIds(production: boolean): ReadonlySet<string> | null {
  if (!production) return null;
  if (ids !== undefined) return ids;
  const file = path.join(/*turbopackIgnore: true*/ process.cwd(), ".next", "server", "server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as { node?: Record<string, unknown> };
  ids = new Set(Object.keys(manifest.node ?? {}));
  return ids;
}
