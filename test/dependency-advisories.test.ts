// The dependency gate (SECURITY.md, "Secrets, connections and dependencies").
// `npm audit --omit=dev --audit-level=high` decides when the registry's audit
// endpoint answers; here it answers 405, so the lockfile is also checked
// against the committed, dated list in security/advisories.json (which also
// holds the lowest safe versions of Next.js, React, Auth.js and nodemailer).
import { execFile } from "node:child_process";
import fs from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { compareVersions, findAffected, installedCopies, isAffected, type AdvisoryList, type Lockfile } from "./lockfile-advisories";

const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8")) as Lockfile;
const list = JSON.parse(fs.readFileSync("security/advisories.json", "utf8")) as AdvisoryList;
/** An older list is a gate that no longer knows the news: refresh it (SECURITY.md says how). */
const LIST_MAX_AGE_DAYS = 180;

describe("Dependency advisories", () => {
  it("compares versions the way semver does", () => {
    expect(compareVersions("16.4.5", "16.2.11")).toBe(1);
    expect(compareVersions("16.2.9", "16.2.11")).toBe(-1);
    expect(compareVersions("5.0.0-beta.31", "5.0.0-beta.32")).toBe(-1);
    expect(compareVersions("5.0.0-beta.32", "5.0.0-beta.32")).toBe(0);
    expect(compareVersions("5.0.0", "5.0.0-beta.32")).toBe(1);
    expect(compareVersions("16.0.0-canary.3", "16.0.0-0")).toBe(1);
    expect(compareVersions("1.0.0-rc-1.2", "1.0.0-rc-1.10")).toBe(-1);
  });

  it("puts a version inside a range from its introduction up to, not including, its fix", () => {
    const advisory = {
      ranges: [
        ["15.0.0", "15.2.3"],
        ["16.0.0-0", "16.2.11"],
      ] as [string, string][],
    };
    expect(["15.0.0", "15.2.2", "16.0.0-canary.1", "16.2.10"].filter((version) => isAffected(version, advisory))).toHaveLength(4);
    expect(["14.9.9", "15.2.3", "15.9.0", "16.2.11", "16.4.5"].filter((version) => isAffected(version, advisory))).toEqual([]);
  });

  it("finds an affected copy wherever the lockfile nests it", () => {
    const nested: Lockfile = { packages: { "node_modules/a": { version: "2.0.0" }, "node_modules/a/node_modules/ws": { version: "8.17.0" } } };
    expect(findAffected(nested, list)).toEqual([expect.stringMatching(/^node_modules\/a\/node_modules\/ws@8\.17\.0: high GHSA-3h5v-q93c-6h6q/)]);
  });

  it("is a dated list, refreshed within the last half year", () => {
    const checked = new Date(`${list.checked}T00:00:00Z`);
    expect(Number.isNaN(checked.getTime())).toBe(false);
    expect(checked.getTime()).toBeLessThanOrEqual(Date.now());
    expect((Date.now() - checked.getTime()) / 86_400_000).toBeLessThan(LIST_MAX_AGE_DAYS);
  });

  it.each(["next", "react", "react-dom", "next-auth", "nodemailer"])("still finds %s, whose floor the list carries, in the lockfile", (name) => {
    expect(installedCopies(lock, name).length).toBeGreaterThan(0);
  });

  it("resolves no package in the lockfile to a version the list knows to be affected", () => {
    expect(findAffected(lock, list)).toEqual([]);
  });

  it("passes `npm audit --omit=dev --audit-level=high` whenever the registry answers it", { timeout: 60_000 }, async () => {
    const run = promisify(execFile);
    const output = await run("npm", ["audit", "--omit=dev", "--audit-level=high", "--json"], { timeout: 45_000, maxBuffer: 16 * 1024 * 1024 })
      .then(({ stdout }) => stdout)
      .catch((error: { stdout?: string }) => error.stdout ?? "");
    const report = JSON.parse(output || "{}") as { metadata?: { vulnerabilities?: Record<string, number> }; statusCode?: number; message?: string };
    const counts = report.metadata?.vulnerabilities;
    if (!counts) {
      // no report (405 here, or no network): the list above stands in for it
      console.info(`npm audit unavailable (${report.message ?? "no answer"}); security/advisories.json of ${list.checked} decided`);
      return;
    }
    expect({ high: counts.high ?? 0, critical: counts.critical ?? 0 }).toEqual({ high: 0, critical: 0 });
  });
});
