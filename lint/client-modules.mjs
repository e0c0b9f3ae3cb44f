// The project's modules that reach the browser: every "use client" file and
// what it imports, type-only imports aside (they leave nothing in a bundle),
// stopping at "use server" files (the browser gets only a reference to an
// action). eslint.config.mjs holds these files to the browser's import rules.
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const SOURCE = /\.(ts|tsx)$/;
const SKIPPED = new Set(["node_modules", "lib/generated", "e2e", "test-results", "playwright-report"]);

/** Every source file under `dir`, as a path from the project's root. */
function sourceFiles(dir = "") {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.posix.join(dir, entry.name);
    if (entry.name.startsWith(".") || SKIPPED.has(relative)) return [];
    if (entry.isDirectory()) return sourceFiles(relative);
    return SOURCE.test(entry.name) && !/\.(test|d)\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}

/** "use client", "use server" or undefined: the directive a module opens with, after any comments. */
function directiveOf(source) {
  return /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*["'](use client|use server)["']/.exec(source)?.[1];
}

/** What a module imports for its values: imports and re-exports that are not type-only, and dynamic imports. */
export function valueImports(source) {
  const found = [];
  for (const [, clause, specifier] of source.matchAll(/^\s*(?:import|export)\s+([^;]*?)\s*from\s*["']([^"']+)["']/gm)) {
    if (/^type\s/.test(clause)) continue;
    const names = /^\{([\s\S]*)\}$/.exec(clause.trim())?.[1];
    if (names !== undefined && names.split(",").every((name) => name.trim() === "" || /^type\s/.test(name.trim()))) continue;
    found.push(specifier);
  }
  for (const [, specifier] of source.matchAll(/^\s*import\s+["']([^"']+)["']/gm)) found.push(specifier);
  for (const [, specifier] of source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)) found.push(specifier);
  return found;
}

/** The project file a specifier names, or undefined for a package. */
function resolve(from, specifier) {
  const base = specifier.startsWith("@/") ? specifier.slice(2) : specifier.startsWith(".") ? path.posix.join(path.posix.dirname(from), specifier) : undefined;
  if (base === undefined) return undefined;
  return [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`].find((candidate) => SOURCE.test(candidate) && fs.existsSync(path.join(ROOT, candidate)));
}

/** The files of the browser's bundles, sorted. */
export function clientModules() {
  const read = (file) => fs.readFileSync(path.join(ROOT, file), "utf8");
  const queue = sourceFiles().filter((file) => directiveOf(read(file)) === "use client");
  const seen = new Set();
  while (queue.length > 0) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of valueImports(read(file))) {
      const target = resolve(file, specifier);
      if (target !== undefined && directiveOf(read(target)) !== "use server") queue.push(target);
    }
  }
  return [...seen].sort();
}
