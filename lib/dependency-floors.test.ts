// The lowest versions known to carry the security fixes we rely on (the
// floors in the team's security notes, item 66). The registry's audit
// endpoint cannot be reached here, so this is the gate: the lockfile must
// never resolve one of these packages below its floor.
import fs from "node:fs";
import { describe, expect, it } from "vitest";

const FLOORS: Record<string, string> = {
  next: "16.2.11",
  react: "19.2.1",
  "react-dom": "19.2.1",
  "next-auth": "5.0.0-beta.32",
  nodemailer: "10.4.1",
};

/** -1, 0 or 1, comparing versions as semver does (a prerelease sorts before its release). */
function compareVersions(a: string, b: string): number {
  const [coreA = "", preA] = a.split("-", 2);
  const [coreB = "", preB] = b.split("-", 2);
  const numbers = (core: string) => core.split(".").map(Number);
  const [x, y] = [numbers(coreA), numbers(coreB)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) < (y[i] ?? 0) ? -1 : 1;
  if (preA === undefined || preB === undefined) return preA === preB ? 0 : preA === undefined ? 1 : -1;
  const [p, q] = [preA.split("."), preB.split(".")];
  for (let i = 0; i < Math.max(p.length, q.length); i++) {
    const [left, right] = [p[i], q[i]];
    if (left === right) continue;
    if (left === undefined) return -1;
    if (right === undefined) return 1;
    const [m, n] = [Number(left), Number(right)];
    if (!Number.isNaN(m) && !Number.isNaN(n)) return m < n ? -1 : 1;
    return left < right ? -1 : 1;
  }
  return 0;
}

const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8")) as { packages: Record<string, { version?: string }> };

describe("Dependency floors", () => {
  it("compares versions the way semver does", () => {
    expect(compareVersions("16.4.5", "16.2.11")).toBe(1);
    expect(compareVersions("16.2.9", "16.2.11")).toBe(-1);
    expect(compareVersions("5.0.0-beta.31", "5.0.0-beta.32")).toBe(-1);
    expect(compareVersions("5.0.0-beta.32", "5.0.0-beta.32")).toBe(0);
    expect(compareVersions("5.0.0", "5.0.0-beta.32")).toBe(1);
  });

  it.each(Object.entries(FLOORS))("resolves %s at or above %s everywhere in the lockfile", (name, floor) => {
    const copies = Object.entries(lock.packages).filter(([path]) => path === `node_modules/${name}` || path.endsWith(`/node_modules/${name}`));
    expect(copies.length).toBeGreaterThan(0);
    for (const [path, { version }] of copies) expect({ path, atLeastFloor: compareVersions(version ?? "0.0.0", floor) >= 0 }).toEqual({ path, atLeastFloor: true });
  });
});
