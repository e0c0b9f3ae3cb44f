// SMTP down (README.md, "How mail works"): with the mail server refusing,
// answering 421 or gone, registration, resend and reset answer as usual and at
// once; the outbox keeps the intent (never a token or a link); when the server
// is back each message arrives exactly once and its link works; past the last
// attempt a message is dead-lettered and logged, and asking again still works.
import { createDbClient, type DbClient } from "../../lib/db";
import type { SmtpSink } from "../../test/smtp-sink";
import { confirmWithLink, newAccount, register, verificationLink, VERIFY_SUBJECT } from "../support/accounts";
import { answerTime } from "../support/answer-time";
import { expect, test, type App } from "../support/fixtures";
import { startInstances } from "../support/instances";
import { mailsTo } from "../support/mail";
import { requestReset, RESET_SUBJECT, resetLink } from "../support/reset";

/**
 * A request that waited for the mail server would take at least the worker's
 * 15 s socket timeout (a hanging server) or its retries: answering below this
 * proves it did not. The latency itself is the bench's to measure, not a test's.
 */
const NO_WAIT_FOR_MAIL_MS = 12_000;

const outboxTo = (app: App, email: string) => app.withDb((db: DbClient) => db.outboxMessage.findMany({ where: { to: email }, orderBy: { createdAt: "asc" } }));

/** Three ways for the mail server to be down, each with its way back. */
const OUTAGES: Record<string, { begin: (sink: SmtpSink) => Promise<void>; end: (sink: SmtpSink) => Promise<void> }> = {
  refusing: { begin: async (sink) => sink.setMode("refuse"), end: async (sink) => sink.setMode("accept") },
  "answering 421": { begin: async (sink) => sink.setMode("tempfail"), end: async (sink) => sink.setMode("accept") },
  gone: { begin: (sink) => sink.stop(), end: (sink) => sink.restart() },
};

for (const [outage, { begin, end }] of Object.entries(OUTAGES)) {
  test(`SMTP down (${outage}): forms answer at once, the outbox keeps only the intent, and each mail arrives once when it is back`, async ({ page, app }) => {
    // the mail gets up to 60 s to arrive once SMTP is back, on top of everything before it
    test.slow();
    const account = newAccount("smtp-down");
    const logStart = app.server.logs().length;
    await begin(app.sink);
    try {
      const registering = await answerTime(page, () => register(page, account));
      const resending = await answerTime(page, async () => {
        await page.getByRole("button", { name: "Send a new link" }).click();
        await expect(page).toHaveURL(/\/register\/check-email\?resent=1$/);
      });
      const resetting = await answerTime(page, () => requestReset(page, account.email));
      for (const [what, ms] of Object.entries({ registering, resending, resetting })) expect(ms, what).toBeLessThan(NO_WAIT_FOR_MAIL_MS);
      // each of the three messages has met the outage at least once
      await expect
        .poll(
          () =>
            (
              app.server
                .logs()
                .slice(logStart)
                .match(/"event":"email_retry"/g) ?? []
            ).length,
          { timeout: 20_000 },
        )
        .toBeGreaterThanOrEqual(3);
      // the rows hold the intent and nothing secret
      const waiting = await outboxTo(app, account.email);
      expect(waiting.map((row) => row.template).sort()).toEqual(["reset-password", "verify-email", "verify-email"]);
      for (const row of waiting) {
        expect(row.status).toBe("PENDING");
        expect(JSON.stringify(row)).not.toMatch(/https?:\/\/|token=|[A-Za-z0-9_-]{43}/);
      }
      expect(mailsTo(app.sink, account.email, /./)).toHaveLength(0);
    } finally {
      await end(app.sink);
    }

    // back: the two confirmation mails (registration's and the resend's) and the reset mail, each once;
    // the last confirmation to arrive carries the newest link, which works
    await confirmWithLink(page, await verificationLink(app, account.email, 2), account.password);
    expect(await resetLink(app.sink, account.email)).toContain("/reset-password?token=");
    await expect.poll(async () => (await outboxTo(app, account.email)).every((row) => row.status === "SENT"), { timeout: 60_000 }).toBe(true);
    const delivered = mailsTo(app.sink, account.email, /./);
    expect(delivered.map((mail) => mail.subject).filter((subject) => VERIFY_SUBJECT.test(subject))).toHaveLength(2);
    expect(delivered.filter((mail) => RESET_SUBJECT.test(mail.subject))).toHaveLength(1);
    expect(new Set(delivered.map((mail) => mail.messageId)).size).toBe(3);
  });
}

test("SMTP hanging: registration answers without waiting for a mail server that takes a minute", async ({ page, app }) => {
  // the worker gives up on such a server after its 15 s socket timeout; a request that waited would take that long
  test.setTimeout(90_000);
  const logStart = app.server.logs().length;
  app.sink.setDelay(60_000);
  try {
    const answered = await answerTime(page, () => register(page, newAccount("smtp-hanging")));
    expect(answered).toBeLessThan(NO_WAIT_FOR_MAIL_MS);
    // the send really hung: the worker gave up on it (and is free again for the next tests' mail)
    await expect.poll(() => app.server.logs().slice(logStart), { timeout: 30_000 }).toContain('"event":"email_retry"');
  } finally {
    app.sink.setDelay(0);
  }
});

test.describe("SMTP down past the last attempt", () => {
  test.skip(({ dbKind }) => dbKind !== "postgres", "it starts an instance of its own on the database server");

  test("SMTP down past the last attempt: the message is dead-lettered and logged, and a new link still works afterwards", async ({ browser }) => {
    test.setTimeout(120_000);
    // three attempts instead of eight, so the outage outlasts them quickly
    const instances = await startInstances(1, { MAIL_MAX_ATTEMPTS: "3" });
    const [server] = instances.servers;
    if (!server) throw new Error("no server");
    const page = await (await browser.newContext({ baseURL: server.baseURL })).newPage();
    const db = createDbClient(instances.database.url);
    try {
      const account = newAccount("smtp-dead");
      instances.sink.setMode("refuse");
      try {
        await register(page, account);
        await expect.poll(() => server.logs(), { timeout: 30_000 }).toContain('"event":"email_dead_letter"');
      } finally {
        instances.sink.setMode("accept");
      }
      const [dead] = await db.outboxMessage.findMany({ where: { to: account.email } });
      expect(dead).toMatchObject({ status: "DEAD", attempts: 3, template: "verify-email" });
      expect(instances.sink.messagesTo(account.email)).toHaveLength(0);

      await page.goto("/register/check-email");
      const resend = page.getByRole("form", { name: "Send a new confirmation link" });
      await resend.getByLabel("Email").fill(account.email);
      await resend.getByRole("button", { name: "Send a new link" }).click();
      await expect(page).toHaveURL(/\/register\/check-email\?resent=1$/);
      await confirmWithLink(page, await verificationLink(instances, account.email), account.password);
    } finally {
      await db.$disconnect();
      await page.context().close();
      await instances.stop();
    }
  });
});
