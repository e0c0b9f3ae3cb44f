// A small bounded queue for heavy work done in this process (image
// decoding): at most `concurrency` jobs run at once, at most `maxWaiting`
// wait, and past that the caller gets ServerBusy at once instead of queueing
// without end. A job whose client has gone away (its AbortSignal fired) is
// dropped while it waits, and never started; one already running finishes,
// since libvips cannot be stopped mid-pipeline, so each job must be cheap.
import { ServerBusy } from "@/lib/server-busy";

export class ClientGone extends Error {
  override name = "ClientGone";
  readonly code = "CLIENT_GONE";
}

/** By code, not class: Next.js may load a module once per bundle layer. */
export function isClientGone(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "CLIENT_GONE";
}

export type WorkQueue = {
  run<T>(job: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  readonly running: number;
  readonly waiting: number;
};

type Waiting = { start: () => void };

export function createWorkQueue(options: { name: string; concurrency: number; maxWaiting: number }): WorkQueue {
  let running = 0;
  const waiting: Waiting[] = [];

  const startNext = () => {
    while (running < options.concurrency) {
      const next = waiting.shift();
      if (!next) return;
      next.start();
    }
  };

  const runNow = <T>(job: () => Promise<T>): Promise<T> => {
    running++;
    return Promise.resolve()
      .then(job)
      .finally(() => {
        running--;
        startNext();
      });
  };

  return {
    run<T>(job: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      if (signal?.aborted) return Promise.reject(new ClientGone(`the client left before its ${options.name} job started`));
      if (running < options.concurrency) return runNow(job);
      if (waiting.length >= options.maxWaiting) return Promise.reject(new ServerBusy(`the ${options.name} queue is full`));
      return new Promise<T>((resolve, reject) => {
        const onAbort = () => {
          const index = waiting.indexOf(entry);
          if (index >= 0) waiting.splice(index, 1);
          reject(new ClientGone(`the client left while its ${options.name} job waited`));
        };
        const entry: Waiting = {
          start: () => {
            signal?.removeEventListener("abort", onAbort);
            runNow(job).then(resolve, reject);
          },
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        waiting.push(entry);
      });
    },
    get running() {
      return running;
    },
    get waiting() {
      return waiting.length;
    },
  };
}
