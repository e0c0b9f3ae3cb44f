// Everything a run (the bench, the load test) starts registers how to undo it here, so a failure
// or Ctrl-C halfway through still stops the server and drops the database.

export class Cleanup {
  readonly #steps: { label: string; run: () => Promise<void> }[] = [];
  #running: Promise<void> | undefined;

  add(label: string, run: () => Promise<void>): void {
    this.#steps.push({ label, run });
  }

  /**
   * Undoes in reverse order. A second caller (Ctrl-C while the run ends by
   * itself) waits for the same cleanup, so nobody exits halfway through it.
   */
  run(): Promise<void> {
    return (this.#running ??= this.#undoAll());
  }

  async #undoAll(): Promise<void> {
    for (let step = this.#steps.pop(); step; step = this.#steps.pop()) {
      try {
        await step.run();
      } catch (error) {
        console.error(`cleanup: could not ${step.label}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}

/** A problem that stops a run before it can measure anything, with a message for people. */
export class CannotRun extends Error {
  override name = "CannotRun";
}
