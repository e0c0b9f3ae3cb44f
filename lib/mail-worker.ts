// Delivers the outbox. Runs inside every server process; several processes
// on one PostgreSQL share the work because each claims rows with
// FOR UPDATE SKIP LOCKED and a lease. Failures are retried with exponential
// back-off and jitter, then dead-lettered.
import type { z } from "zod";
import { emailTemplates, isEmailName } from "@/emails";
import type { EmailTemplate } from "@/emails/define";
import type { RenderedEmail } from "@/emails/layout";
import { discardToken, issueToken, retireOlderTokens } from "./auth/tokens";
import { retryDelayMs } from "./backoff";
import type { DbClient } from "./db";
import type { TokenPurpose } from "./generated/prisma/enums";
import { describeError, log } from "./log";
import { onMailQueued, type MailTransport } from "./mail";

export type MailWorkerConfig = {
  db: DbClient;
  transport: MailTransport;
  from: string;
  appUrl: string;
  retryBaseMs: number;
  retryMaxMs: number;
  maxAttempts: number;
  /** lifetimes that settings give some link tokens, instead of their template's default */
  tokenTtlMs?: Partial<Record<TokenPurpose, number>>;
  /** how long a claimed row stays claimed if this process dies mid-send */
  leaseMs?: number;
  batchSize?: number;
};

type ClaimedRow = { id: string; template: string; to: string; userId: string | null; data: unknown; attempts: number };

/** A failure that no retry can fix: the message goes straight to the dead letters. */
class UndeliverableError extends Error {
  override name = "UndeliverableError";
}

async function claimDue(db: DbClient, leaseMs: number, batchSize: number): Promise<ClaimedRow[]> {
  // Timestamps are UTC without a zone, as Prisma writes them.
  return db.$queryRaw<ClaimedRow[]>`
    UPDATE outbox_messages
       SET "lockedUntil" = (now() AT TIME ZONE 'UTC') + ${leaseMs} * interval '1 millisecond',
           attempts = attempts + 1
     WHERE id IN (
       SELECT id FROM outbox_messages
        WHERE status = 'PENDING'
          AND "nextAttemptAt" <= (now() AT TIME ZONE 'UTC')
          AND ("lockedUntil" IS NULL OR "lockedUntil" < (now() AT TIME ZONE 'UTC'))
        ORDER BY "nextAttemptAt"
        LIMIT ${batchSize}
        FOR UPDATE SKIP LOCKED)
    RETURNING id, template, "to", "userId", data, attempts`;
}

type Rendered = { email: RenderedEmail; token?: { id: string; userId: string; purpose: TokenPurpose } };

async function render(config: MailWorkerConfig, row: ClaimedRow): Promise<Rendered> {
  if (!isEmailName(row.template)) throw new UndeliverableError(`unknown template ${row.template}`);
  const template: EmailTemplate<z.ZodType> = emailTemplates[row.template];
  const data = template.data.safeParse(row.data);
  if (!data.success) throw new UndeliverableError("stored data does not match the template");
  if (!template.link) return { email: template.render(data.data, { appUrl: config.appUrl }) };
  if (!row.userId) throw new UndeliverableError("the account no longer exists");
  // The token is born here, at send time: the outbox never holds one.
  const { purpose } = template.link;
  const { id, token } = await issueToken(config.db, {
    purpose,
    userId: row.userId,
    email: row.to,
    ttlMs: config.tokenTtlMs?.[purpose] ?? template.link.ttlMs,
  });
  const link = `${config.appUrl}${template.link.path}?token=${token}`;
  return { email: template.render(data.data, { appUrl: config.appUrl, link }), token: { id, userId: row.userId, purpose } };
}

async function deliver(config: MailWorkerConfig, row: ClaimedRow): Promise<"sent" | "retry" | "dead"> {
  const fields = { outboxId: row.id, template: row.template, attempt: row.attempts };
  let rendered: Rendered | undefined;
  try {
    rendered = await render(config, row);
    const { messageId } = await config.transport.send({ ...rendered.email, to: row.to, from: config.from });
    if (rendered.token) await retireOlderTokens(config.db, rendered.token);
    await config.db.outboxMessage.update({
      where: { id: row.id },
      data: { status: "SENT", sentAt: new Date(), messageId, lockedUntil: null, lastError: null },
    });
    log("info", "email_sent", fields);
    return "sent";
  } catch (error) {
    if (rendered?.token) await discardToken(config.db, rendered.token.id).catch(() => {});
    const dead = error instanceof UndeliverableError || row.attempts >= config.maxAttempts;
    const lastError = describeError(error);
    await config.db.outboxMessage.update({
      where: { id: row.id },
      data: {
        status: dead ? "DEAD" : "PENDING",
        lockedUntil: null,
        lastError,
        nextAttemptAt: new Date(Date.now() + retryDelayMs(row.attempts, config.retryBaseMs, config.retryMaxMs)),
      },
    });
    log(dead ? "error" : "warn", dead ? "email_dead_letter" : "email_retry", { ...fields, error: lastError });
    return dead ? "dead" : "retry";
  }
}

/** Claims and delivers what is due, one batch. Returns how many rows it claimed and what became of them. */
export async function deliverDueEmails(config: MailWorkerConfig) {
  const rows = await claimDue(config.db, config.leaseMs ?? 60_000, config.batchSize ?? 10);
  const outcomes = { claimed: rows.length, sent: 0, retry: 0, dead: 0 };
  for (const row of rows) outcomes[await deliver(config, row)]++;
  return outcomes;
}

/** The longest wait between polls while the outbox cannot be read (the database is away). */
const FAILED_POLL_MAX_MS = 15_000;

/** Polls the outbox until stopped; a queued message wakes it at once. */
export function startMailWorker(config: MailWorkerConfig & { pollMs: number }) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  let queuedWhileRunning = false;
  let failedPolls = 0;

  const schedule = (delayMs: number) => {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(run, delayMs);
  };
  const run = () => {
    if (running) return;
    queuedWhileRunning = false;
    running = deliverDueEmails(config)
      .then(({ claimed }) => {
        if (failedPolls > 0) log("info", "mail_worker_recovered", { failedPolls });
        failedPolls = 0;
        const more = claimed === (config.batchSize ?? 10) || queuedWhileRunning;
        schedule(more ? 0 : config.pollMs);
      })
      .catch((error: unknown) => {
        failedPolls++;
        log(failedPolls === 1 ? "error" : "warn", "mail_worker_failed", { error: describeError(error), failedPolls });
        // while the database is away, each failed poll waits longer than the last rather than asking at every tick
        schedule(retryDelayMs(failedPolls, config.pollMs, FAILED_POLL_MAX_MS));
      })
      .finally(() => {
        running = undefined;
      });
  };
  // a short delay lets the transaction that queued the message commit first
  const unsubscribe = onMailQueued(() => {
    if (running) queuedWhileRunning = true;
    else schedule(25);
  });
  schedule(0);

  return {
    /** Stops polling and waits for the batch in flight. */
    async stop() {
      stopped = true;
      clearTimeout(timer);
      unsubscribe();
      await running;
    },
  };
}
