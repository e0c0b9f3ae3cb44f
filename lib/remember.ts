// One value per process for what must not be duplicated: a database client,
// a queue, a pool, shutdown state. Next.js may evaluate a module once per
// bundle layer (fence 15 in lib/fences.ts), and server.ts loads its own copy
// of the modules it shares with the app, so a module-level value could exist
// several times over; each lives on globalThis under its key instead.

const STORE = Symbol.for("account-system.remembered");

/** The value kept under `key` in this process, made by `create` the first time it is asked for. */
export function remember<T>(key: string, create: () => T): T {
  const global = globalThis as typeof globalThis & { [STORE]?: Map<string, unknown> };
  const store = (global[STORE] ??= new Map());
  if (!store.has(key)) store.set(key, create());
  return store.get(key) as T;
}
