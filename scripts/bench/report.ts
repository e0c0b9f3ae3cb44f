// The bench's output: one table of ratios, each against its target, then
// the absolute figures behind them. Targets are for people to read; a
// missed one is printed, never turned into a failing exit code.

export type Target = { op: "≥" | "≤"; value: number; unit: string };

export type ScenarioResult = {
  measured: string;
  baseline: string;
  /** the figure the target applies to */
  score: number;
  /** a ratio of measured to baseline, or the measured value itself (when there is no baseline) */
  scoreIs: "ratio" | "measured";
  target: Target;
  /** the absolute figures behind the row */
  details: string[];
};

export type ScenarioRow = { name: string } & (ScenarioResult | { failed: string });

export function meets(score: number, target: Target): boolean {
  return target.op === "≥" ? score >= target.value : score <= target.value;
}

/** A scenario that ran but measured nothing (no successful request on one side): the bench did not work. */
export function measuredNothing(row: ScenarioRow): boolean {
  return "failed" in row || !Number.isFinite(row.score);
}

/** A Markdown table, each column as wide as its widest cell. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(" | ")} |`;
  const rule = `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`;
  return [line(header), rule, ...rows.map(line)].join("\n");
}

export function formatReport(rows: readonly ScenarioRow[], context: string[]): string {
  const cells = rows.map((row) =>
    "failed" in row
      ? [row.name, "could not run", "", "", "", "—"]
      : [
          row.name,
          row.measured,
          row.baseline,
          !Number.isFinite(row.score) ? "no data" : row.scoreIs === "ratio" ? row.score.toPrecision(3) : "—",
          `${row.target.op} ${row.target.value}${row.target.unit}`,
          !Number.isFinite(row.score) ? "—" : meets(row.score, row.target) ? "yes" : "NO",
        ],
  );
  const details = rows.flatMap((row) => ("failed" in row ? [`${row.name}: could not run: ${row.failed}`] : [`${row.name}:`, ...row.details.map((detail) => `  ${detail}`)]));
  return [table(["scenario", "measured", "baseline", "ratio", "target", "met?"], cells), "", "Absolute figures", ...details, "", ...context].join("\n");
}
