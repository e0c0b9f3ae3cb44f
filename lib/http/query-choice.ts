// A query parameter that names one entry of a fixed table (a notice, an
// outcome). From the address bar it may be anything: an array, or an
// inherited name such as "__proto__" or "constructor", which a plain lookup
// answers with a built-in object instead of nothing.

/** Whether `value` is the name of one of `table`'s own entries. */
export function isEntryOf<Table extends object>(table: Table, value: unknown): value is keyof Table & string {
  return typeof value === "string" && Object.hasOwn(table, value);
}
