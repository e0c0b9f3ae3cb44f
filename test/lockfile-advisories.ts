// The offline half of the dependency gate: which packages in package-lock.json
// fall inside a range of security/advisories.json. A small comparator instead
// of the `semver` package, which is only a dev-time transitive dependency here.

export type Advisory = { id: string; package: string; severity: string; ranges: [introduced: string, fixed: string][]; fixedIn: string };
export type AdvisoryList = { checked: string; advisories: Advisory[] };
export type Lockfile = { packages: Record<string, { version?: string; dev?: boolean }> };

/** -1, 0 or 1, comparing versions as semver does (a prerelease sorts before its release). */
export function compareVersions(a: string, b: string): number {
  const [coreA = "", preA] = a.split(/-(.*)/s, 2);
  const [coreB = "", preB] = b.split(/-(.*)/s, 2);
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

export function isAffected(version: string, advisory: Pick<Advisory, "ranges">): boolean {
  return advisory.ranges.some(([introduced, fixed]) => compareVersions(version, introduced) >= 0 && compareVersions(version, fixed) < 0);
}

/** Every installed copy of a package (hoisted or nested), by its path in the lockfile. */
export function installedCopies(lock: Lockfile, name: string): { path: string; version: string }[] {
  return Object.entries(lock.packages)
    .filter(([path]) => path === `node_modules/${name}` || path.endsWith(`/node_modules/${name}`))
    .map(([path, entry]) => ({ path, version: entry.version ?? "0.0.0" }));
}

/** One line per installed copy that an advisory covers. */
export function findAffected(lock: Lockfile, list: AdvisoryList): string[] {
  return list.advisories.flatMap((advisory) =>
    installedCopies(lock, advisory.package)
      .filter((copy) => isAffected(copy.version, advisory))
      .map((copy) => `${copy.path}@${copy.version}: ${advisory.severity} ${advisory.id}; fixed in ${advisory.fixedIn}`),
  );
}
