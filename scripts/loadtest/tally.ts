// Every answer of a load test run, by operation and by what it was, with its
// latency; and the table they make: counts, rate, p50/p90/p99/max.
import type { Verdict } from "../bench/answers";
import { percentile } from "../bench/load";
import { table } from "../bench/report";

type Kind = "answer" | "error";
type Cell = { operation: string; kind: Kind; label: string; latenciesMs: number[] };

export class Tally {
  readonly #cells = new Map<string, Cell>();

  /** `operations` in the order the table lists them */
  constructor(private readonly operations: readonly string[]) {}

  record(operation: string, verdict: Verdict, ms: number): void {
    const kind: Kind = verdict.designed ? "answer" : "error";
    const label = verdict.designed ? verdict.answer : verdict.error;
    const key = JSON.stringify([operation, kind, label]);
    const cell = this.#cells.get(key) ?? { operation, kind, label, latenciesMs: [] };
    cell.latenciesMs.push(ms);
    this.#cells.set(key, cell);
  }

  count(kind: Kind): number {
    return [...this.#cells.values()].filter((cell) => cell.kind === kind).reduce((sum, cell) => sum + cell.latenciesMs.length, 0);
  }

  /** The errors by operation, most frequent first, e.g. "3× sign-in: HTTP 500 (in wrong-password)". */
  errorSummary(): string[] {
    return this.#sorted()
      .filter((cell) => cell.kind === "error")
      .map((cell) => `${cell.latenciesMs.length}× ${cell.label} (in ${cell.operation})`);
  }

  /** One row per operation and answer (errors marked), then all designed answers and all errors; rates over `seconds`. */
  format(seconds: number): string {
    const row = (operation: string, label: string, unsorted: readonly number[]) => {
      const sorted = [...unsorted].sort((a, b) => a - b);
      const ms = (p: number) => (sorted.length === 0 ? "—" : percentile(sorted, p).toFixed(0));
      const rate = seconds > 0 ? (sorted.length / seconds).toFixed(1) : "—";
      return [operation, label, String(sorted.length), rate, ms(50), ms(90), ms(99), ms(100)];
    };
    const cells = this.#sorted();
    const all = (kind: Kind) => cells.filter((cell) => cell.kind === kind).flatMap((cell) => cell.latenciesMs);
    return table(
      ["operation", "answer", "count", "per s", "p50 ms", "p90 ms", "p99 ms", "max ms"],
      [
        ...cells.map((cell) => row(cell.operation, cell.kind === "error" ? `ERROR ${cell.label}` : cell.label, cell.latenciesMs)),
        row("all", "designed answers", all("answer")),
        row("all", "errors", all("error")),
      ],
    );
  }

  /** By operation, designed answers before errors, larger counts first. */
  #sorted(): Cell[] {
    return [...this.#cells.values()].sort(
      (a, b) =>
        this.operations.indexOf(a.operation) - this.operations.indexOf(b.operation) ||
        (a.kind === b.kind ? 0 : a.kind === "answer" ? -1 : 1) ||
        b.latenciesMs.length - a.latenciesMs.length,
    );
  }
}
