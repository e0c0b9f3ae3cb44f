// The house contract for server actions (see shared/notes/style.md). Kept
// here until lib/actions.ts exists; then import it from there instead.
export type ActionResult<T = void> =
  | { ok: true; data: T }
  | { ok: false; error: string; fieldErrors?: Record<string, string[] | undefined> };
