// The setup the lib/account integration tests share: a private database of
// one kind, a fast hasher, and (when mail is wanted) an SMTP sink with the
// real mail worker aimed at it. Call it inside a describe block: it registers
// that block's beforeAll and afterAll.
import { afterAll, afterEach, beforeAll, beforeEach, vi } from "vitest";
import type { AccountDeps } from "@/lib/account/deps";
import type { DbClient } from "@/lib/db";
import type { MailWorkerConfig } from "@/lib/mail-worker";
import { deliverAll, mailWorkerConfig, testHasher } from "./account-deps";
import type { DbKind } from "./databases";
import { openTestDb, type TestDb } from "./db";
import { SmtpSink } from "./smtp-sink";

export type AccountTestBed = {
  readonly db: DbClient;
  readonly deps: AccountDeps;
  readonly sink: SmtpSink;
  readonly mail: MailWorkerConfig;
  /** Runs the mail worker until the outbox is drained; sent mail is in `sink` when this returns. */
  deliverAll(): Promise<void>;
};

function ready<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is used before beforeAll ran (or the bed was made without it)`);
  return value;
}

export function useAccountTestBed(kind: DbKind, options: { mail?: boolean } = {}): AccountTestBed {
  let testDb: TestDb | undefined;
  let deps: AccountDeps | undefined;
  let sink: SmtpSink | undefined;
  let mail: MailWorkerConfig | undefined;

  beforeAll(async () => {
    [testDb, sink] = await Promise.all([openTestDb(kind), options.mail ? SmtpSink.start() : undefined]);
    deps = { db: testDb.db, hasher: testHasher() };
    if (sink) mail = mailWorkerConfig(testDb.db, sink);
  });
  afterAll(async () => {
    await Promise.all([testDb?.close(), sink?.stop()]);
  });
  if (options.mail) {
    // the worker logs a line per sent mail; errors (console.error) still show
    beforeEach(() => {
      vi.spyOn(console, "log").mockImplementation(() => {});
    });
    afterEach(() => {
      vi.restoreAllMocks();
    });
  }

  return {
    get db() {
      return ready(testDb, "the test database").db;
    },
    get deps() {
      return ready(deps, "the account deps");
    },
    get sink() {
      return ready(sink, "the SMTP sink");
    },
    get mail() {
      return ready(mail, "the mail worker config");
    },
    deliverAll: () => deliverAll(ready(mail, "the mail worker config")),
  };
}
