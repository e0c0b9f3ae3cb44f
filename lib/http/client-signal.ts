// Fence 14 (lib/fences.ts): whether the client of the request being served is
// still there. Next.js gives a server action no request object, so server.ts
// runs each request inside withClientSignal, and code deep in an action (the
// avatar's image queue) can ask clientSignal() whether anyone still waits for
// the answer. Under `next dev`, which does not go through server.ts, there is
// no signal.
import { AsyncLocalStorage } from "node:async_hooks";
import type http from "node:http";
import { remember } from "../remember";

// One per process: server.ts and the bundles Next.js builds each load their own copy of this module.
const storage = remember("client-signal", () => new AsyncLocalStorage<AbortSignal>());

export function withClientSignal<T>(signal: AbortSignal, run: () => T): T {
  return storage.run(signal, run);
}

/** Aborted once the client has gone away (its connection closed before the answer was sent); undefined outside a request. */
export function clientSignal(): AbortSignal | undefined {
  return storage.getStore();
}

/** A signal that fires when the connection closes before the response has been sent in full. */
export function signalWhenClientLeaves(response: http.ServerResponse): AbortSignal {
  const controller = new AbortController();
  response.once("close", () => {
    if (!response.writableFinished) controller.abort();
  });
  return controller.signal;
}
