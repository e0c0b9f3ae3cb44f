// Shared pieces of the lib/account integration tests: a fast hasher, a mail
// worker aimed at the SMTP sink, and a scan of every stored text value (to
// prove that secrets such as link tokens are nowhere in the database).
import { createPasswordHasher, type PasswordHasher } from "@/lib/auth/password-hash";
import type { DbClient } from "@/lib/db";
import { createMailTransport } from "@/lib/mail";
import { deliverDueEmails, type MailWorkerConfig } from "@/lib/mail-worker";
import type { SmtpSink } from "./smtp-sink";

export const TEST_PEPPER = "test-pepper";
export const TEST_APP_URL = "http://app.test";

/** bcrypt at its minimum cost: the same code path as production, a fraction of the time. */
export function testHasher(cost = 4): PasswordHasher {
  return createPasswordHasher({ pepper: TEST_PEPPER, cost });
}

export function mailWorkerConfig(db: DbClient, sink: SmtpSink): MailWorkerConfig {
  return {
    db,
    transport: createMailTransport({ smtpUrl: sink.url, mailboxDir: "/nonexistent" }),
    from: "Accounts <no-reply@accounts.test>",
    appUrl: TEST_APP_URL,
    retryBaseMs: 1_000,
    retryMaxMs: 60_000,
    maxAttempts: 3,
  };
}

/** Delivers batches until nothing is due. A sent message is already in the sink when this returns. */
export async function deliverAll(config: MailWorkerConfig): Promise<void> {
  for (let batch = 0; batch < 100; batch++) {
    const { claimed, sent } = await deliverDueEmails(config);
    if (claimed === 0) return;
    if (sent !== claimed) throw new Error(`only ${sent} of ${claimed} messages were sent`);
  }
  throw new Error("the outbox never drained");
}

export type StoredText = { table: string; column: string; value: string };

/** Every non-null text and JSON value in the public schema (or in one table), as text. */
export async function storedTexts(db: DbClient, table?: string): Promise<StoredText[]> {
  const columns = await db.$queryRaw<{ table: string; column: string }[]>`
    SELECT table_name::text AS "table", column_name::text AS "column"
      FROM information_schema.columns
     WHERE table_schema = 'public'
       AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')
     ORDER BY table_name, column_name`;
  const found: StoredText[] = [];
  for (const { table: name, column } of columns) {
    if (table && name !== table) continue;
    // identifiers come from the catalogue, not from input
    const rows = await db.$queryRawUnsafe<{ value: string }[]>(`SELECT "${column}"::text AS value FROM "${name}" WHERE "${column}" IS NOT NULL`);
    for (const { value } of rows) found.push({ table: name, column, value });
  }
  return found;
}
