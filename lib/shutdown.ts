// Shutdown, shared between server.ts and the app it serves. They are
// separate module instances (Next.js bundles the app), so the state is
// remembered per process: the app registers what must stop cleanly, server.ts runs it.
import { describeError, log } from "./log";
import { remember } from "./remember";

type Hook = { name: string; run: () => Promise<void> };
const shared = () => remember("shutdown", () => ({ draining: false, hooks: [] as Hook[] }));

/** Registers work to finish before the process exits (e.g. the mail worker's batch in flight). */
export function onShutdown(name: string, run: () => Promise<void>): void {
  shared().hooks.push({ name, run });
}

/** True once shutdown began: readiness fails, so load balancers stop sending requests. */
export function isDraining(): boolean {
  return shared().draining;
}

export function startDraining(): void {
  shared().draining = true;
}

/** Runs every hook once, in parallel; a failing hook is logged and does not stop the others. */
export async function runShutdownHooks(): Promise<void> {
  const hooks = shared().hooks.splice(0);
  await Promise.all(
    hooks.map(async (hook) => {
      try {
        await hook.run();
        log("info", "shutdown_step_done", { step: hook.name });
      } catch (error) {
        log("error", "shutdown_step_failed", { step: hook.name, error: describeError(error) });
      }
    }),
  );
}
