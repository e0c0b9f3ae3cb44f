// Fence 4 (lib/fences.ts): a redirect that answers a form a browser posted
// without JavaScript is a 303, so the browser fetches the page it points to.
// Next.js answers 307 when the page it renders after a form's action
// redirects (a signed-in page sending the person to /unavailable while the
// database is away), as are proxy.ts's redirects; on a 307 the browser posts
// the form again to that page, where the form's action does not live, and
// shows "Server Action unavailable" instead of the page (while Next.js logs a
// stack trace). server.ts applies it; `next dev` has no such wrapper.
import type { IncomingMessage, ServerResponse } from "node:http";

/** Turns a 307 answer to a plain form post into a 303; JavaScript's calls (Next-Action) and other requests keep theirs. */
export function seeOtherAfterFormPost(request: IncomingMessage, response: ServerResponse): void {
  if (request.method !== "POST" || request.headers["next-action"] !== undefined) return;
  const writeHead = response.writeHead.bind(response) as (status: number, ...rest: unknown[]) => ServerResponse;
  // Node calls writeHead itself when a response starts without it, so every answer passes here
  response.writeHead = ((status: number, ...rest: unknown[]) => writeHead(status === 307 ? 303 : status, ...rest)) as typeof response.writeHead;
}
