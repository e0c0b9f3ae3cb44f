// What a Markdown document names in this repository, and which of those
// names point at nothing. Two kinds of reference are read:
// - a relative link, [text](../lib/db.ts#anchor), resolved from the
//   document's own folder (an anchor must be a heading of the target);
// - a path in backticks, `lib/auth/sessions.ts` or `e2e/security/`, always
//   from the repository's root. A bare file name (`actions.ts`) must name
//   some file of the repository.
// Fenced code blocks are skipped: they hold commands and sketches.
import fs from "node:fs";
import path from "node:path";

export type Problem = { line: number; reference: string; reason: string };

/** Build outputs, run-time data and other people's code: named in the documents, never checked. */
const NOT_OURS = new Set([".git", ".next", ".data", "node_modules", "test-results", "playwright-report", "coverage"]);

/** The kinds of file the documents name; `z.infer` or `authjs.session-token` are not file names. */
const FILE_NAME = /\.(ts|tsx|mjs|js|json|md|prisma|sql|sh|txt|toml|css|example)$/;

/** Letters, digits and the punctuation of this repository's paths: no spaces, `<placeholders>`, globs or URLs. */
const PATH_LIKE = /^[\w.@()[\]-]+(\/[\w.@()[\]-]+)*\/?$/;

const LINK = /\[[^\]]*\]\(((?:[^()\s]|\([^()\s]*\))+)(?:\s+"[^"]*")?\)/g;
const CODE_SPAN = /`([^`\n]+)`/g;

/** The document's lines, with those of fenced code blocks blanked (so line numbers still match). */
function proseLines(markdown: string): string[] {
  let fenced = false;
  return markdown.split("\n").map((line) => {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      return "";
    }
    return fenced ? "" : line;
  });
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
export function headingAnchor(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replace(/ /g, "-");
}

export function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const line of proseLines(markdown)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const anchor = headingAnchor(heading);
    const count = seen.get(anchor) ?? 0;
    anchors.add(count === 0 ? anchor : `${anchor}-${count}`);
    seen.set(anchor, count + 1);
  }
  return anchors;
}

/** Every file name in the repository (outside NOT_OURS), for bare names such as `actions.ts`. */
function fileNamesUnder(root: string): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (NOT_OURS.has(entry.name)) continue;
      if (entry.isDirectory()) walk(path.join(dir, entry.name));
      else names.add(entry.name);
    }
  };
  walk(root);
  return names;
}

/** A backticked text that names a repository path, from the root; undefined for anything else. */
function repositoryPath(code: string, root: string): string | undefined {
  const text = code.trim();
  if (!PATH_LIKE.test(text)) return undefined;
  const first = text.split("/")[0] ?? "";
  if (NOT_OURS.has(first)) return undefined;
  if (!text.includes("/")) return FILE_NAME.test(text) ? text : undefined;
  // `zod/mini` or `next/navigation` are packages; a file name under an unknown folder is a path gone wrong
  return fs.existsSync(path.join(root, first)) || FILE_NAME.test(text) ? text : undefined;
}

/** The references in one document (`file`, relative to `root`) that point at nothing. */
export function brokenReferences(markdown: string, file: string, root: string): Problem[] {
  const problems: Problem[] = [];
  let names: Set<string> | undefined;
  const lines = proseLines(markdown);
  lines.forEach((line, index) => {
    const at = index + 1;
    for (const [, target = ""] of line.matchAll(LINK)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
      const [address = "", fragment] = target.split("#");
      const resolved = path.join(root, path.dirname(file), decodeURI(address.split("?")[0] ?? ""));
      if (address !== "" && !fs.existsSync(resolved)) {
        problems.push({ line: at, reference: target, reason: "links to nothing" });
        continue;
      }
      const headings = address === "" ? markdown : resolved.endsWith(".md") ? fs.readFileSync(resolved, "utf8") : undefined;
      if (fragment && headings !== undefined && !anchorsOf(headings).has(fragment)) {
        problems.push({ line: at, reference: target, reason: "links to a heading that does not exist" });
      }
    }
    for (const [, code = ""] of line.matchAll(CODE_SPAN)) {
      const named = repositoryPath(code, root);
      if (named === undefined) continue;
      const found = named.includes("/") ? fs.existsSync(path.join(root, named)) : (names ??= fileNamesUnder(root)).has(named);
      if (!found) problems.push({ line: at, reference: named, reason: "names a path that does not exist" });
    }
  });
  return problems;
}
