// Fence 5 (lib/fences.ts): what the process does with an error nobody caught.
// Each becomes one JSON line (class and code, and where it was thrown; never
// its message, which may hold user data), then:
// - an unhandled rejection is logged and the process keeps serving: Next.js
//   itself leaves promises unawaited when a render does not need their result,
//   so one rejection says nothing about the state of the rest of the process;
// - an uncaught exception stopped some synchronous code half-way, so what it
//   was changing is in an unknown state: the process drains (requests in flight
//   and the mail batch finish) and exits with code 1, for the supervisor to
//   start a clean one.
import { describeError, log } from "./log";

// Next.js registers its own listeners, which print the error's message and
// stack over several lines and carry on. Those of
// next/dist/server/node-environment-extensions/process-error-handlers.js (run
// by the server and again by every route module) look for these globals first,
// so setting them keeps them away; the one next/dist/server/lib/router-server.js
// adds during app.prepare() is removed afterwards by keepOnlyOurListeners().
const NEXT_REJECTION_LISTENER = Symbol.for("next.unhandledRejectionListener");
type NextProcessGlobals = { nextInitializedProcessErrorHandlers?: boolean; [NEXT_REJECTION_LISTENER]?: (reason: unknown) => void };

/** The first stack frame: where the error was thrown, without its message. */
function thrownAt(error: unknown): string | undefined {
  if (!(error instanceof Error) || typeof error.stack !== "string") return undefined;
  return error.stack
    .split("\n")
    .find((line) => line.trimStart().startsWith("at "))
    ?.trim()
    .slice(3);
}

function logFault(event: string, error: unknown): void {
  log("error", event, { error: describeError(error), at: thrownAt(error) });
}

const onRejection = (reason: unknown) => logFault("unhandled_rejection", reason);
let onException: ((error: Error) => void) | undefined;

/** Call before Next.js loads. `stop` begins a graceful stop with exit code 1; it is called once. */
export function handleProcessFaults(stop: () => void): void {
  const globals = globalThis as NextProcessGlobals;
  globals.nextInitializedProcessErrorHandlers = true;
  globals[NEXT_REJECTION_LISTENER] = onRejection;
  process.on("unhandledRejection", onRejection);
  let stopping = false;
  onException = (error) => {
    logFault("uncaught_exception", error);
    if (stopping) return; // a second fault during the drain: logged, and the stop goes on
    stopping = true;
    stop();
  };
  process.on("uncaughtException", onException);
}

// Next.js may also put a filter in front of every rejection listener
// (next/dist/server/node-environment-extensions/unhandled-rejection.external.js):
// it drops the rejections of aborted prerenders and hands every other one to
// the listeners behind it, ours among them. It stays; it is listed first.
const NEXT_REJECTION_FILTER = Symbol.for("next.unhandledRejectionFilter");

/** Call once Next.js is prepared: drops the listeners it added beside ours. */
export function keepOnlyOurListeners(): void {
  for (const listener of process.listeners("uncaughtException")) if (listener !== onException) process.off("uncaughtException", listener);
  const [first, ...rest] = process.listeners("unhandledRejection");
  const filtered = (globalThis as { [NEXT_REJECTION_FILTER]?: boolean })[NEXT_REJECTION_FILTER] === true;
  for (const listener of filtered ? rest : [first, ...rest]) if (listener && listener !== onRejection) process.off("unhandledRejection", listener);
}
