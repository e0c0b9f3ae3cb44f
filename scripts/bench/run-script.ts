// How the bench and the load test run: one Cleanup, undone at the end, after
// a failure and on Ctrl-C, then one exit code. Run with plain node (see
// scripts/bench.ts), so Ctrl-C reaches this process and the cleanup can run.
import { CannotRun, Cleanup } from "./cleanup";
import { interrupted, interruptRequests } from "./http";

/** The exit code when the run could not start or broke down, as opposed to what it measured. */
export const EXIT_CANNOT_RUN = 2;

export async function runScript(name: string, main: (cleanup: Cleanup) => Promise<number>): Promise<never> {
  const cleanup = new Cleanup();
  // Repeated signals wait for the same cleanup instead of cutting it short.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (!interrupted.aborted) console.error(`\n${signal}: stopping the server and dropping the ${name} database…`);
      interruptRequests();
      void cleanup.run().finally(() => process.exit(130));
    });
  }
  let exitCode = EXIT_CANNOT_RUN;
  try {
    exitCode = await main(cleanup);
  } catch (error) {
    if (error instanceof CannotRun) console.error(`${name} could not run: ${error.message}`);
    else console.error(`${name} could not run:`, error);
  } finally {
    await cleanup.run();
  }
  // open keep-alive sockets would otherwise hold the process for a while
  process.exit(exitCode);
}
