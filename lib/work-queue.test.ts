// The bounded queue the avatar's image work runs in: never more at once than
// allowed, a short line, "busy" past it, and jobs whose client left are
// dropped before they cost anything.
import { describe, expect, it } from "vitest";
import { isServerBusy } from "./server-busy";
import { createWorkQueue, isClientGone } from "./work-queue";

/** A job that runs until its release() is called, and says whether it ever started. */
function heldJob(result = "done") {
  let release = () => {};
  const job = {
    started: false,
    release: () => release(),
    run: () => {
      job.started = true;
      return new Promise<string>((resolve) => (release = () => resolve(result)));
    },
  };
  return job;
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const refusalOf = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error,
  );

describe("createWorkQueue", () => {
  it("runs at most `concurrency` jobs at once and starts the waiting ones in order as others finish", async () => {
    const queue = createWorkQueue({ name: "test", concurrency: 2, maxWaiting: 5 });
    const jobs = [heldJob("a"), heldJob("b"), heldJob("c"), heldJob("d")];
    const results = jobs.map((job) => queue.run(job.run));
    await settle();
    expect(jobs.map((job) => job.started)).toEqual([true, true, false, false]);
    expect({ running: queue.running, waiting: queue.waiting }).toEqual({ running: 2, waiting: 2 });

    jobs[1]?.release();
    await settle();
    expect(jobs.map((job) => job.started)).toEqual([true, true, true, false]);
    for (const job of jobs) job.release();
    await settle();
    jobs[3]?.release();
    expect(await Promise.all(results)).toEqual(["a", "b", "c", "d"]);
    expect({ running: queue.running, waiting: queue.waiting }).toEqual({ running: 0, waiting: 0 });
  });

  it("answers 'busy' at once past the line, without running the job", async () => {
    const queue = createWorkQueue({ name: "test", concurrency: 1, maxWaiting: 1 });
    const [running, waiting, turnedAway] = [heldJob(), heldJob(), heldJob()];
    const kept = [queue.run(running.run), queue.run(waiting.run)];
    const refused = await refusalOf(queue.run(turnedAway.run));
    expect(isServerBusy(refused)).toBe(true);
    expect(turnedAway.started).toBe(false);
    running.release();
    await settle();
    waiting.release();
    await Promise.all(kept);
  });

  it("drops a waiting job whose client leaves, and never starts it; the next one takes its turn", async () => {
    const queue = createWorkQueue({ name: "test", concurrency: 1, maxWaiting: 2 });
    const [running, abandoned, next] = [heldJob(), heldJob(), heldJob("next")];
    const client = new AbortController();
    const first = queue.run(running.run);
    const dropped = refusalOf(queue.run(abandoned.run, client.signal));
    const after = queue.run(next.run);
    expect(queue.waiting).toBe(2);

    client.abort();
    expect(isClientGone(await dropped)).toBe(true);
    expect(queue.waiting).toBe(1);
    running.release();
    await settle();
    expect(abandoned.started).toBe(false);
    expect(next.started).toBe(true);
    next.release();
    await Promise.all([first, after]);
  });

  it("does not start a job whose client has already left, even with a free slot", async () => {
    const queue = createWorkQueue({ name: "test", concurrency: 1, maxWaiting: 1 });
    const job = heldJob();
    const client = new AbortController();
    client.abort();
    expect(isClientGone(await refusalOf(queue.run(job.run, client.signal)))).toBe(true);
    expect(job.started).toBe(false);
    expect(queue.running).toBe(0);
  });

  it("frees the slot of a job that fails", async () => {
    const queue = createWorkQueue({ name: "test", concurrency: 1, maxWaiting: 0 });
    await expect(queue.run(() => Promise.reject(new Error("broken image")))).rejects.toThrow("broken image");
    expect(await queue.run(async () => "fine")).toBe("fine");
  });
});
