// Email verification end to end on both databases: register, let the real
// mail worker deliver to the SMTP sink, read the link from the mail, and
// confirm with the token in it, as the confirm page's POST does.
import { createHash } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { limitKey } from "@/lib/auth/rate-limit";
import { createSession, findLiveSession } from "@/lib/auth/sessions";
import { newToken } from "@/lib/auth/tokens";
import { deliverDueEmails, type MailWorkerConfig } from "@/lib/mail-worker";
import { deliverAll, mailWorkerConfig, storedTexts, TEST_APP_URL, testHasher } from "@/test/account-deps";
import { DB_KINDS } from "@/test/databases";
import { openTestDb, type TestDb } from "@/test/db";
import { SmtpSink } from "@/test/smtp-sink";
import type { AccountDeps } from "./deps";
import { registerAccount } from "./register";
import { confirmEmail, resendVerification, VERIFICATION_RESEND } from "./verify-email";

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
const LINK = /\/verify-email\?token=([^\s"&<]+)/;
const sessionPolicy = { idleMinutes: 60, maxAgeDays: 30 };

describe.each(DB_KINDS)("email verification on %s", (kind) => {
  let testDb: TestDb;
  let sink: SmtpSink;
  let mail: MailWorkerConfig;
  let deps: AccountDeps;

  beforeAll(async () => {
    [testDb, sink] = await Promise.all([openTestDb(kind), SmtpSink.start()]);
    mail = mailWorkerConfig(testDb.db, sink);
    deps = { db: testDb.db, hasher: testHasher() };
  });
  afterAll(async () => {
    await Promise.all([testDb.close(), sink.stop()]);
  });
  // the worker logs a line per sent mail; errors (console.error) still show
  beforeEach(() => {
    vi.spyOn(console, "log").mockImplementation(() => {});
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  // every test has its own addresses, so rate limits and mailboxes never overlap
  let serial = 0;
  const newEmail = (label: string) => `${label}-${++serial}@example.test`;

  /** Delivers what is queued and returns the newest mail to the address and the token in its link. */
  async function deliverAndReadLink(email: string) {
    await deliverAll(mail);
    const message = sink.messagesTo(email).at(-1);
    if (!message) throw new Error(`no mail to ${email}`);
    const token = LINK.exec(message.text)?.[1];
    if (!token) throw new Error(`no verification link in the mail to ${email}`);
    return { message, token };
  }

  /** A new account and the token from its verification mail. */
  async function registered(label: string) {
    const email = newEmail(label);
    await registerAccount(deps, { name: "Ada", email, password: "correct horse battery staple" });
    const user = await testDb.db.user.findUniqueOrThrow({ where: { email } });
    return { email, user, ...(await deliverAndReadLink(email)) };
  }

  const emailVerifiedOf = async (userId: string) =>
    (await testDb.db.user.findUniqueOrThrow({ where: { id: userId } })).emailVerified;
  const verifyMailsTo = (email: string) => testDb.db.outboxMessage.count({ where: { to: email, template: "verify-email" } });

  describe("the verification mail", () => {
    it("has a text and an HTML part, both linking to the app's URL with a 256-bit token", async () => {
      const { email, message, token } = await registered("mail");

      expect(sink.messagesTo(email)).toHaveLength(1);
      expect(message.subject).toMatch(/confirm your email/i);
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const link = `${TEST_APP_URL}/verify-email?token=${token}`;
      expect(message.text).toContain(link);
      expect(message.html).toContain(`href="${link}"`);
      expect(message.html).toMatch(/^<!doctype html>/i);
    });

    it("leaves only the token's SHA-256 in the database: no column anywhere holds the token", async () => {
      const { email, user, token } = await registered("hash");

      const rows = await testDb.db.token.findMany({ where: { userId: user.id } });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ tokenHash: sha256(token), purpose: "VERIFY_EMAIL", email, usedAt: null });
      // 24 hours to use it
      expect((rows[0]?.expiresAt.getTime() ?? 0) - Date.now()).toBeGreaterThan(24 * 3_600_000 - 60_000);

      // every table, the delivered outbox row included
      const texts = await storedTexts(testDb.db);
      expect(texts.some(({ value }) => value === sha256(token))).toBe(true); // the scan sees the tokens table
      expect(texts.filter(({ value }) => value.includes(token))).toEqual([]);
    });
  });

  describe("confirmEmail", () => {
    it("verifies the address once; the same link again says it was used", async () => {
      const { user, token } = await registered("once");
      expect(await emailVerifiedOf(user.id)).toBeNull();

      expect(await confirmEmail(testDb.db, token)).toBe("verified");
      const verifiedAt = await emailVerifiedOf(user.id);
      expect(verifiedAt).toBeInstanceOf(Date);

      expect(await confirmEmail(testDb.db, token)).toBe("used");
      expect(await emailVerifiedOf(user.id)).toEqual(verifiedAt);
    });

    it("refuses a forged token and a token made for another purpose", async () => {
      const { user, token } = await registered("forged");
      expect(await confirmEmail(testDb.db, newToken())).toBe("invalid");
      expect(await confirmEmail(testDb.db, `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`)).toBe("invalid");

      // a password-reset token of the same user must not verify the address
      const resetToken = newToken();
      await testDb.db.token.create({
        data: { tokenHash: sha256(resetToken), purpose: "RESET_PASSWORD", userId: user.id, email: user.email, expiresAt: new Date(Date.now() + 3_600_000) },
      });
      expect(await confirmEmail(testDb.db, resetToken)).toBe("invalid");
      expect(await emailVerifiedOf(user.id)).toBeNull();
    });

    it("refuses an expired token and leaves the account unverified", async () => {
      const { user, token } = await registered("expired");
      // time travel: the link's expiry is now behind us
      await testDb.db.token.update({ where: { tokenHash: sha256(token) }, data: { expiresAt: new Date(Date.now() - 1_000) } });

      expect(await confirmEmail(testDb.db, token)).toBe("expired");
      expect(await emailVerifiedOf(user.id)).toBeNull();
    });

    it("still accepts a token in the last seconds before it expires", async () => {
      const { user, token } = await registered("last-moment");
      await testDb.db.token.update({ where: { tokenHash: sha256(token) }, data: { expiresAt: new Date(Date.now() + 5_000) } });

      expect(await confirmEmail(testDb.db, token)).toBe("verified");
      expect(await emailVerifiedOf(user.id)).toBeInstanceOf(Date);
    });

    it("refuses a token sent to an address the account no longer has", async () => {
      const { user, token } = await registered("moved");
      await testDb.db.user.update({ where: { id: user.id }, data: { email: newEmail("moved-to") } });

      expect(await confirmEmail(testDb.db, token)).toBe("invalid");
      expect(await emailVerifiedOf(user.id)).toBeNull();
    });

    it("lets exactly one of two concurrent confirmations with one token succeed", async () => {
      const { user, token } = await registered("race");
      const outcomes = await Promise.all([confirmEmail(testDb.db, token), confirmEmail(testDb.db, token)]);

      expect(outcomes.sort()).toEqual(["used", "verified"]);
      expect(await emailVerifiedOf(user.id)).toBeInstanceOf(Date);
    });
  });

  describe("sessions", () => {
    it("signs out every session the account had before the address was proved, and no one else's", async () => {
      const { user, token } = await registered("sessions");
      const other = await registered("bystander");
      const sids = [
        await createSession(testDb.db, sessionPolicy, { userId: user.id, persistent: false }),
        await createSession(testDb.db, sessionPolicy, { userId: user.id, persistent: true }),
      ];
      const bystander = await createSession(testDb.db, sessionPolicy, { userId: other.user.id, persistent: false });
      for (const sid of sids) expect(await findLiveSession(testDb.db, sessionPolicy, sid)).not.toBeNull();

      expect(await confirmEmail(testDb.db, token)).toBe("verified");

      for (const sid of sids) expect(await findLiveSession(testDb.db, sessionPolicy, sid)).toBeNull();
      expect(await testDb.db.session.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
      expect(await findLiveSession(testDb.db, sessionPolicy, bystander)).not.toBeNull();
    });
  });

  describe("resendVerification", () => {
    it("replaces the previous link: the first token stops working and the newest verifies", async () => {
      const { email, user, token: first } = await registered("resend");
      await resendVerification(testDb.db, email);
      const { token: second } = await deliverAndReadLink(email);

      expect(sink.messagesTo(email)).toHaveLength(2);
      expect(second).not.toBe(first);
      expect(await confirmEmail(testDb.db, first)).toBe("invalid");
      expect(await emailVerifiedOf(user.id)).toBeNull();
      expect(await confirmEmail(testDb.db, second)).toBe("verified");
    });

    it("keeps the link already delivered working while a resend cannot be sent", async () => {
      const { email, token: first } = await registered("resend-fails");
      await resendVerification(testDb.db, email);
      vi.spyOn(console, "warn").mockImplementation(() => {});
      sink.setMode("tempfail");
      try {
        expect(await deliverDueEmails(mail)).toMatchObject({ claimed: 1, retry: 1 });
      } finally {
        sink.setMode("accept");
      }
      // the undelivered token is gone, the delivered one still works
      expect(await testDb.db.token.count({ where: { email, purpose: "VERIFY_EMAIL" } })).toBe(1);
      expect(await confirmEmail(testDb.db, first)).toBe("verified");
    });

    it("queues one mail for three requests in a row, and answers all three the same", async () => {
      const { email } = await registered("limited");
      expect(await verifyMailsTo(email)).toBe(1);

      const answers = [];
      for (let request = 0; request < 3; request++) answers.push(await resendVerification(testDb.db, email));
      expect(answers).toEqual([undefined, undefined, undefined]);
      expect(await verifyMailsTo(email)).toBe(2);

      // time travel: after the 3-minute window another link may be sent
      const key = limitKey(VERIFICATION_RESEND, email);
      const window = await testDb.db.rateLimit.findUniqueOrThrow({ where: { key } });
      expect(window.expiresAt.getTime() - window.windowStart.getTime()).toBe(3 * 60_000);
      await testDb.db.rateLimit.update({ where: { key }, data: { expiresAt: new Date(Date.now() - 1_000) } });
      await resendVerification(testDb.db, email);
      expect(await verifyMailsTo(email)).toBe(3);
    });

    it("queues nothing for an unknown address or a verified account, and answers the same", async () => {
      const unknown = newEmail("nobody");
      const { email: verified, token } = await registered("done");
      expect(await confirmEmail(testDb.db, token)).toBe("verified");

      await expect(resendVerification(testDb.db, unknown)).resolves.toBeUndefined();
      await expect(resendVerification(testDb.db, verified)).resolves.toBeUndefined();

      expect(await testDb.db.outboxMessage.count({ where: { to: unknown } })).toBe(0);
      expect(await verifyMailsTo(verified)).toBe(1); // the registration's mail only
      await deliverAll(mail);
      expect(sink.messagesTo(unknown)).toHaveLength(0);
      expect(sink.messagesTo(verified)).toHaveLength(1);
    });
  });
});
