// Fence 1 (lib/fences.ts): the methods a route here may answer. Next.js
// builds a Fetch API Request for every request, and the Fetch API throws on
// CONNECT, TRACE and TRACK, which would end in a 500; server.ts answers any
// method outside this list with 405 before Next.js sees it.

export const SERVED_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

export function isServedMethod(method: string | undefined): boolean {
  return SERVED_METHODS.has(method ?? "");
}
