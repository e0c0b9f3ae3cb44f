// The outbox on both databases, delivering to a real SMTP server (the sink).
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { DB_KINDS } from "@/test/databases";
import { openTestDb, type TestDb } from "@/test/db";
import { SmtpSink } from "@/test/smtp-sink";
import type { DbClient } from "./db";
import { createMailTransport, queueEmail } from "./mail";
import { deliverDueEmails, startMailWorker, type MailWorkerConfig } from "./mail-worker";

describe.each(DB_KINDS)("outbox on %s", (kind) => {
  let testDb: TestDb;
  let sink: SmtpSink;
  let config: MailWorkerConfig;

  beforeAll(async () => {
    [testDb, sink] = await Promise.all([openTestDb(kind), SmtpSink.start()]);
    config = {
      db: testDb.db,
      transport: createMailTransport({ smtpUrl: sink.url, mailboxDir: "/nonexistent" }),
      from: "Accounts <no-reply@accounts.test>",
      appUrl: "http://app.test",
      retryBaseMs: 1_000,
      retryMaxMs: 60_000,
      maxAttempts: 3,
    };
  });
  afterAll(async () => {
    await Promise.all([testDb.close(), sink.stop()]);
  });
  afterEach(async () => {
    sink.setMode("accept");
    sink.clear();
    await testDb.db.outboxMessage.deleteMany();
    vi.restoreAllMocks();
  });

  /** Time travel: make every waiting message due now. */
  const makeDue = () => testDb.db.outboxMessage.updateMany({ data: { nextAttemptAt: new Date(Date.now() - 1) } });

  it("delivers a message queued in a transaction, with an HTML and a text part", async () => {
    await testDb.db.$transaction(async (tx) => {
      await queueEmail(tx, "test", { to: "ada@example.test", data: { note: "<b>hi</b>" } });
    });
    expect(await deliverDueEmails(config)).toMatchObject({ claimed: 1, sent: 1 });

    const mail = await sink.waitFor((m) => m.to.includes("ada@example.test"));
    expect(mail.subject).toBe("Test email");
    expect(mail.text).toContain("Your note: <b>hi</b>");
    expect(mail.html).toContain("Your note: &lt;b&gt;hi&lt;/b&gt;");
    expect(mail.from).toBe("no-reply@accounts.test");
    const row = await testDb.db.outboxMessage.findFirstOrThrow();
    expect(row).toMatchObject({ status: "SENT", attempts: 1, messageId: mail.messageId, lockedUntil: null });
  });

  it("queues nothing when the transaction rolls back", async () => {
    await expect(
      testDb.db.$transaction(async (tx) => {
        await queueEmail(tx, "test", { to: "ada@example.test", data: {} });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await testDb.db.outboxMessage.count()).toBe(0);
  });

  it("retries with back-off while the server answers 421, then delivers exactly once", async () => {
    await queueEmail(testDb.db, "test", { to: "bob@example.test", data: {} });
    sink.setMode("tempfail");
    const before = Date.now();
    expect(await deliverDueEmails(config)).toMatchObject({ claimed: 1, retry: 1 });

    const waiting = await testDb.db.outboxMessage.findFirstOrThrow();
    expect(waiting).toMatchObject({ status: "PENDING", attempts: 1, lockedUntil: null });
    expect(waiting.lastError).toContain("421");
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(before + 500);
    // not due yet: nothing is claimed
    expect(await deliverDueEmails(config)).toMatchObject({ claimed: 0 });

    sink.setMode("accept");
    await makeDue();
    expect(await deliverDueEmails(config)).toMatchObject({ claimed: 1, sent: 1 });
    await makeDue();
    expect(await deliverDueEmails(config)).toMatchObject({ claimed: 0 });
    expect(sink.messagesTo("bob@example.test")).toHaveLength(1);
  });

  it("retries while the server is gone and delivers when it is back", async () => {
    await queueEmail(testDb.db, "test", { to: "cy@example.test", data: {} });
    await sink.stop();
    try {
      expect(await deliverDueEmails(config)).toMatchObject({ retry: 1 });
    } finally {
      await sink.restart();
    }
    await makeDue();
    expect(await deliverDueEmails(config)).toMatchObject({ sent: 1 });
    expect(sink.messagesTo("cy@example.test")).toHaveLength(1);
  });

  it("dead-letters a message after the maximum attempts and logs it", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    await queueEmail(testDb.db, "test", { to: "dee@example.test", data: {} });
    sink.setMode("refuse");
    for (let attempt = 1; attempt <= config.maxAttempts; attempt++) {
      await makeDue();
      await deliverDueEmails(config);
    }
    const row = await testDb.db.outboxMessage.findFirstOrThrow();
    expect(row).toMatchObject({ status: "DEAD", attempts: 3 });
    expect(errors.mock.calls.map(([line]) => JSON.parse(String(line)).event)).toEqual(["email_dead_letter"]);

    sink.setMode("accept");
    await makeDue();
    expect(await deliverDueEmails(config)).toMatchObject({ claimed: 0 });
  });

  it("dead-letters a message whose stored data no longer fits its template", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    await testDb.db.outboxMessage.create({ data: { template: "test", to: "eve@example.test", data: { note: 42 } } });
    expect(await deliverDueEmails(config)).toMatchObject({ dead: 1 });
  });

  it("delivers each message once when two workers run at the same time", async () => {
    for (let i = 0; i < 12; i++) await queueEmail(testDb.db, "test", { to: `many${i}@example.test`, data: {} });
    const batch = { ...config, batchSize: 3 };
    const drain = async () => {
      while ((await deliverDueEmails(batch)).claimed > 0);
    };
    await Promise.all([drain(), drain()]);
    expect(sink.messages).toHaveLength(12);
    expect(new Set(sink.messages.flatMap((m) => m.to)).size).toBe(12);
  });

  it("runs in the background: a queued message is delivered without waiting for the next poll", async () => {
    const worker = startMailWorker({ ...config, pollMs: 60_000 });
    try {
      await new Promise((resolve) => setTimeout(resolve, 200)); // let the first, empty poll finish
      await queueEmail(testDb.db, "test", { to: "fay@example.test", data: {} });
      await sink.waitFor((m) => m.to.includes("fay@example.test"), { timeoutMs: 5_000 });
    } finally {
      await worker.stop();
    }
  });
});

describe("the worker while the database is away", () => {
  it("waits longer after each failed poll instead of asking at every tick", async () => {
    // a stand-in for an unreachable database: the outage itself is end-to-end tested (database-outage.spec.ts)
    const claim = vi.fn().mockRejectedValue(new Error("connect ECONNREFUSED 127.0.0.1:5432"));
    const unreachable = { $queryRaw: claim } as unknown as DbClient;
    const errors = vi.spyOn(console, "error").mockReturnValue();
    const warnings = vi.spyOn(console, "log").mockReturnValue();
    const worker = startMailWorker({
      db: unreachable,
      transport: createMailTransport({ smtpUrl: "smtp://127.0.0.1:9", mailboxDir: "/nonexistent" }),
      from: "Accounts <no-reply@accounts.test>",
      appUrl: "http://app.test",
      retryBaseMs: 1_000,
      retryMaxMs: 60_000,
      maxAttempts: 3,
      pollMs: 20,
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 800));
    } finally {
      await worker.stop();
    }
    // the first failure is an error; the rest of the streak are warnings
    expect(errors).toHaveBeenCalledTimes(1);
    expect(warnings.mock.calls.length).toBe(claim.mock.calls.length - 1);
    errors.mockRestore();
    warnings.mockRestore();
    // every 20 ms would be 40 polls; doubling waits (at most 20, 40, 80, 160, 320, 640 ms) leave at most 7
    expect(claim.mock.calls.length).toBeGreaterThanOrEqual(3);
    expect(claim.mock.calls.length).toBeLessThanOrEqual(7);
  });
});
