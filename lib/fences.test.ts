// The register of framework fences (lib/fences.ts) kept honest: every fence
// was checked against the versions installed now, and its tests and its code
// still name it.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FENCES, type CheckedPackage } from "./fences";

const ROOT = path.resolve(import.meta.dirname, "..");
const require = createRequire(import.meta.url);

function installedVersion(name: CheckedPackage): string {
  // the React that Next.js bundles, and runs the app's pages, actions and forms with
  if (name === "react (in next)") return (require("next/dist/compiled/react") as { version: string }).version;
  return (JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
}

const names = (fence: (typeof FENCES)[number]) => new RegExp(`\\bfences? (?:\\d+, )*(?:\\d+ and )?${fence.number}\\b`, "i");

describe("the framework fences", () => {
  it("are numbered 1, 2, 3… in order, once each", () => {
    expect(FENCES.map((fence) => fence.number)).toEqual(FENCES.map((_, index) => index + 1));
  });

  it.each(FENCES.map((fence) => [fence.number, fence.title, fence] as const))("fence %i (%s) was checked against the versions installed now", (number, title, fence) => {
    const moved = Object.entries(fence.checkedWith)
      .map(([name, checked]) => ({ name, checked, installed: installedVersion(name as CheckedPackage) }))
      .filter(({ checked, installed }) => checked !== installed)
      .map(({ name, checked, installed }) => `${name} ${installed} is installed; fence ${number} was checked against ${checked}`);
    // Re-check the fence against the new version: run its tests and the e2e suite, read the
    // issues it names, then write the new version into lib/fences.ts (or delete the fence).
    expect(moved, `fence ${number}, "${title}": re-check it before upgrading`).toEqual([]);
  });

  it.each(FENCES.map((fence) => [fence.number, fence] as const))("fence %i is named by its tests and where it is written", (_number, fence) => {
    const missing = [...fence.tests, ...fence.where].filter((file) => !names(fence).test(fs.readFileSync(path.join(ROOT, file), "utf8")));
    expect(missing).toEqual([]);
  });

  it("cite upstream reports by their address", () => {
    for (const fence of FENCES) for (const issue of fence.issues) expect(issue).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\/(issues|pull)\/\d+$/);
  });
});
