// Uploading a picture, on both databases: the account's upload limit is
// decided before any image work, a full queue answers "busy", a client that
// left costs nothing, and nothing is stored unless a picture came out whole.
import sharp from "sharp";
import { afterEach, describe, expect, it, vi } from "vitest";
import { limitVariable } from "@/lib/auth/limit-setting";
import { isServerBusy } from "@/lib/server-busy";
import { AVATAR_ERRORS } from "@/lib/validation/form-constants";
import { createWorkQueue, type WorkQueue } from "@/lib/work-queue";
import { useAccountTestBed } from "@/test/account-test-bed";
import { DB_KINDS } from "@/test/databases";
import { signedInUser } from "@/test/signed-in-user";
import { AVATAR_UPLOADS, uploadAvatar } from "./avatar-upload";
import { findAvatar } from "./profile";

const png = () =>
  sharp({ create: { width: 64, height: 64, channels: 3, background: "#cc3366" } })
    .png()
    .toBuffer();

/** A real queue that counts the jobs it was given. */
function countingQueue(options = { concurrency: 1, maxWaiting: 4 }): WorkQueue & { jobs: number } {
  const queue = createWorkQueue({ name: "test", ...options });
  const counted = {
    jobs: 0,
    run<T>(job: () => Promise<T>, signal?: AbortSignal) {
      counted.jobs++;
      return queue.run(job, signal);
    },
    get running() {
      return queue.running;
    },
    get waiting() {
      return queue.waiting;
    },
  };
  return counted;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe.each(DB_KINDS)("uploadAvatar on %s", (kind) => {
  const bed = useAccountTestBed(kind);

  it("stores the prepared picture", async () => {
    const { user } = await signedInUser(bed.deps, "upload");
    const queue = countingQueue();
    expect(await uploadAvatar(bed.db, queue, { userId: user.id, bytes: await png() })).toEqual({ ok: true });
    expect(queue.jobs).toBe(1);
    expect((await findAvatar(bed.db, user.id))?.contentType).toBe("image/webp");
  });

  it("refuses uploads past the account's limit before any image work, and says when to try again", async () => {
    expect(limitVariable(AVATAR_UPLOADS)).toBe("LIMIT_AVATAR_UPLOAD");
    vi.stubEnv("LIMIT_AVATAR_UPLOAD", "2/60");
    const [{ user }, other] = [await signedInUser(bed.deps, "uploader"), await signedInUser(bed.deps, "neighbour")];
    const queue = countingQueue();
    const bytes = await png();
    for (let i = 0; i < 2; i++) expect(await uploadAvatar(bed.db, queue, { userId: user.id, bytes })).toEqual({ ok: true });

    const refused = await uploadAvatar(bed.db, queue, { userId: user.id, bytes });
    expect(refused).toEqual({ ok: false, error: "You've uploaded several pictures already. Try again in 60 minutes." });
    expect(queue.jobs).toBe(2);
    // another account has its own count
    expect(await uploadAvatar(bed.db, queue, { userId: other.user.id, bytes })).toEqual({ ok: true });
  });

  it("refuses what is plainly no image without counting it or queueing it", async () => {
    vi.stubEnv("LIMIT_AVATAR_UPLOAD", "1/60");
    const { user } = await signedInUser(bed.deps, "typo");
    const queue = countingQueue();
    const text = new TextEncoder().encode("not a picture");
    for (let i = 0; i < 3; i++) expect(await uploadAvatar(bed.db, queue, { userId: user.id, bytes: text })).toEqual({ ok: false, error: AVATAR_ERRORS.wrongType });
    expect(queue.jobs).toBe(0);
    expect(await uploadAvatar(bed.db, queue, { userId: user.id, bytes: await png() })).toEqual({ ok: true });
  });

  it("answers 'busy' when the queue is full, and stores nothing", async () => {
    const { user } = await signedInUser(bed.deps, "busy");
    const full = createWorkQueue({ name: "test", concurrency: 1, maxWaiting: 0 });
    let release = () => {};
    const occupying = full.run(() => new Promise<void>((resolve) => (release = resolve)));
    const refused = await uploadAvatar(bed.db, full, { userId: user.id, bytes: await png() }).catch((error: unknown) => error);
    expect(isServerBusy(refused)).toBe(true);
    expect(await findAvatar(bed.db, user.id)).toBeNull();
    release();
    await occupying;
  });

  it("does no image work for a client that has gone, and stores nothing", async () => {
    const { user } = await signedInUser(bed.deps, "gone");
    const queue = countingQueue();
    const client = new AbortController();
    client.abort();
    const outcome = await uploadAvatar(bed.db, queue, { userId: user.id, bytes: await png(), signal: client.signal });
    expect(outcome).toEqual({ ok: false, error: "The upload was cancelled." });
    expect(queue.running).toBe(0);
    expect(await findAvatar(bed.db, user.id)).toBeNull();
  });
});
