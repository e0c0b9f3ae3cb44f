// Every table of the app's schema as a row count and a digest of its rows,
// so that two snapshots are equal only if no row was added, removed or changed.
import type { DbClient } from "../../../lib/db";

export type TableState = { rows: number; digest: string };
export type Snapshot = { tables: Record<string, TableState>; crossSiteEvents: number };

/**
 * Columns left out of the digest, each for a reason the fuzzer cannot avoid:
 * a signed-in request records when its session was last used (at most once a
 * minute, lib/auth/sessions.ts) — that is how idle sessions end, and a fuzz
 * run takes minutes.
 */
const IGNORED_COLUMNS: Record<string, readonly string[]> = { sessions: ["lastSeenAt"] };

/**
 * Rows counted apart from the digest: a refused cross-site request is
 * recorded by design (SECURITY.md, security events), and a few of the
 * fuzzer's requests come with no Origin or another site's, to show the check
 * holds. The spec requires exactly one such row per refusal it was answered.
 */
export const CROSS_SITE_EVENTS = `"type" = 'csrf_rejected'`;
const ROWS_APART: Record<string, string> = { security_events: CROSS_SITE_EVENTS };

export async function snapshotDatabase(db: DbClient): Promise<Snapshot> {
  const tables = await db.$queryRawUnsafe<{ table_name: string }[]>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
  );
  const snapshot: Record<string, TableState> = {};
  for (const { table_name: table } of tables) {
    const columns = await db.$queryRawUnsafe<{ column_name: string }[]>(
      "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
      table,
    );
    const kept = columns.map(({ column_name }) => column_name).filter((column) => !IGNORED_COLUMNS[table]?.includes(column));
    const list = kept.map((column) => `"${column}"`).join(", ");
    const [state] = await db.$queryRawUnsafe<{ rows: bigint; digest: string | null }[]>(
      `SELECT count(*) AS rows, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS digest FROM (SELECT ${list} FROM "${table}"${ROWS_APART[table] ? ` WHERE NOT (${ROWS_APART[table]})` : ""}) t`,
    );
    snapshot[table] = { rows: Number(state?.rows ?? 0), digest: state?.digest ?? "" };
  }
  const [crossSite] = await db.$queryRawUnsafe<{ rows: bigint }[]>(`SELECT count(*) AS rows FROM security_events WHERE ${CROSS_SITE_EVENTS}`);
  return { tables: snapshot, crossSiteEvents: Number(crossSite?.rows ?? 0) };
}

/** The tables whose rows differ between two snapshots, with both states. */
export function changedTables(before: Snapshot, after: Snapshot): Record<string, { before?: TableState; after?: TableState }> {
  const changed: Record<string, { before?: TableState; after?: TableState }> = {};
  for (const table of new Set([...Object.keys(before.tables), ...Object.keys(after.tables)])) {
    const [a, b] = [before.tables[table], after.tables[table]];
    if (a?.rows !== b?.rows || a?.digest !== b?.digest) changed[table] = { before: a, after: b };
  }
  return changed;
}
