// One JSON object per line on stdout, so log shippers need no parsing rules.
// JSON.stringify escapes control characters: a value cannot forge a line.
// Never pass passwords, tokens, links or cookies here.
type Level = "info" | "warn" | "error";

export function log(level: Level, event: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...fields });
  if (level === "error") console.error(line);
  else console.log(line);
}

/** A short description of an error that is safe to log: its class and code, not its text. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const { code, responseCode } = error as { code?: unknown; responseCode?: unknown };
  return [error.name, code, responseCode].filter((part) => part !== undefined && part !== "").join(" ");
}
