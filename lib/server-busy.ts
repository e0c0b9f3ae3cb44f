// Work refused because too much is already waiting (lib/auth/hash-pool.ts).
// Every form answers it the same way: nothing changed, try again shortly.

export const SERVER_BUSY_MESSAGE = "We're very busy right now. Nothing was changed. Please try again in a few seconds.";

export class ServerBusy extends Error {
  override name = "ServerBusy";
  readonly code = "SERVER_BUSY";
}

/** By code, not class: Next.js may load a module once per bundle layer. */
export function isServerBusy(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "SERVER_BUSY";
}
