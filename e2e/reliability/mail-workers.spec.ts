// Several workers (README.md, "How mail works"): every instance runs a mail
// worker on the one PostgreSQL outbox. Together they deliver each queued
// message once; when one instance dies mid-run (SIGKILL: no goodbye), the other
// picks up its claimed messages once their lease runs out, and none is lost.
import type { EmailName } from "../../emails";
import { createDbClient, type DbClient } from "../../lib/db";
import type { SmtpSink } from "../../test/smtp-sink";
import { expect, test } from "../support/fixtures";
import { startInstances, type Instances } from "../support/instances";

const MESSAGES = 200;

/** Queues `count` test emails to one address, each with its own note. */
async function queueNotes(db: DbClient, to: string, count: number) {
  await db.outboxMessage.createMany({
    data: Array.from({ length: count }, (_, n) => ({ template: "test" satisfies EmailName, to, data: { note: `message ${n}` } })),
  });
}

/** The notes that arrived at `to`, one entry per delivery. */
const notesDelivered = (sink: SmtpSink, to: string) => sink.messagesTo(to).map((mail) => /Your note: (message \d+)/.exec(mail.text)?.[1]);

const expected = Array.from({ length: MESSAGES }, (_, n) => `message ${n}`).sort();

test.describe("Several workers on one outbox", () => {
  test.skip(({ dbKind }) => dbKind !== "postgres", "several instances need a database server");

  let instances: Instances;
  let db: DbClient;
  test.beforeAll(async ({ dbKind }) => {
    if (dbKind !== "postgres") return;
    test.setTimeout(120_000);
    // a short lease, so a dead instance's claims come free within the test
    instances = await startInstances(2, { MAIL_LEASE_MS: "5000" });
    db = createDbClient(instances.database.url);
  });
  test.afterAll(async () => {
    await db?.$disconnect();
    await instances?.stop();
  });

  test("Several workers: two instances deliver 200 queued messages as 200 distinct messages, each once", async () => {
    const to = "together@example.test";
    await queueNotes(db, to, MESSAGES);
    await expect.poll(() => notesDelivered(instances.sink, to).length, { timeout: 60_000 }).toBeGreaterThanOrEqual(MESSAGES);
    await expect.poll(() => db.outboxMessage.count({ where: { to, status: { not: "SENT" } } })).toBe(0);
    expect(notesDelivered(instances.sink, to).sort()).toEqual(expected);
    // both took part
    for (const server of instances.servers) expect(server.logs()).toContain('"template":"test"');
  });

  test("Several workers: killing one instance mid-run loses no message", async () => {
    test.setTimeout(120_000);
    const [doomed, survivor] = instances.servers;
    const to = "survivors@example.test";
    instances.sink.setDelay(25); // a slower server, so the run is still going when the kill comes
    try {
      await queueNotes(db, to, MESSAGES);
      await expect.poll(() => notesDelivered(instances.sink, to).length, { timeout: 30_000, intervals: [20] }).toBeGreaterThanOrEqual(MESSAGES / 4);
      await doomed?.kill();
      await expect.poll(() => new Set(notesDelivered(instances.sink, to)).size, { timeout: 60_000 }).toBe(MESSAGES);
    } finally {
      instances.sink.setDelay(0);
    }
    await expect.poll(() => db.outboxMessage.count({ where: { to, status: { not: "SENT" } } })).toBe(0);
    const delivered = notesDelivered(instances.sink, to);
    expect([...new Set(delivered)].sort()).toEqual(expected);
    // delivery is at least once: only a message the dead instance was sending at the kill may arrive twice
    expect(delivered.length - MESSAGES).toBeLessThanOrEqual(1);
    expect(survivor?.logs()).toContain('"template":"test"');
  });
});
