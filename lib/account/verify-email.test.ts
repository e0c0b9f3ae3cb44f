// Email verification end to end on both databases: register, let the real
// mail worker deliver to the SMTP sink, read the link from the mail, and
// confirm with the token in it and the account's password, as the confirm
// page's POST does.
import { createHash } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { limitKey } from "@/lib/auth/rate-limit";
import { createSession, findLiveSession } from "@/lib/auth/sessions";
import type { SignInPolicy } from "@/lib/auth/sign-in-throttle";
import { newToken } from "@/lib/auth/tokens";
import { deliverDueEmails, type MailWorkerConfig } from "@/lib/mail-worker";
import { deliverAll, mailWorkerConfig, storedTexts, TEST_APP_URL, testHasher } from "@/test/account-deps";
import { DB_KINDS } from "@/test/databases";
import { openTestDb, type TestDb } from "@/test/db";
import { SmtpSink } from "@/test/smtp-sink";
import type { AccountDeps } from "./deps";
import { registerAccount } from "./register";
import { checkCredentials } from "./sign-in";
import { confirmEmail, inspectConfirmationLink, RESENDS_PER_IP, resendVerification, VERIFICATION_RESEND } from "./verify-email";

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
const LINK = /\/verify-email\?token=([^\s"&<]+)/;
const sessionPolicy = { idleMinutes: 60, maxAgeDays: 30 };
const PASSWORD = "correct horse battery staple";
/** The sign-in throttle has its own tests; here it stays out of the way unless a test tightens it. */
const ROOMY_POLICY: SignInPolicy = { emailFailures: 1000, backoffBaseMs: 1, backoffMaxMs: 1, lockoutFailures: 10_000, ipFailures: 1000 };
/** What a person writes as their name to make the mail look like ours. */
const HOSTILE_NAME = "Security alert. Call +1 555 0100 now";

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
  async function registered(label: string, name = "Ada") {
    const email = newEmail(label);
    await registerAccount(deps, { name, email, password: PASSWORD, ip: null });
    const user = await testDb.db.user.findUniqueOrThrow({ where: { email } });
    return { email, user, ...(await deliverAndReadLink(email)) };
  }

  /** The confirm page's POST: the outcome's reason, or "verified". */
  async function confirm(token: string, password = PASSWORD, policy = ROOMY_POLICY) {
    const outcome = await confirmEmail(deps, { token, password, ip: "192.0.2.1" }, policy);
    return outcome.ok ? "verified" : outcome.reason;
  }
  const tokenRow = (token: string) => testDb.db.token.findUniqueOrThrow({ where: { tokenHash: sha256(token) } });

  const emailVerifiedOf = async (userId: string) => (await testDb.db.user.findUniqueOrThrow({ where: { id: userId } })).emailVerified;
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

    it("carries nothing the registrant typed: the name is in no part of it, not even the outbox row", async () => {
      const { email, message } = await registered("hostile", HOSTILE_NAME);

      for (const part of [message.subject, message.text, message.html, message.raw]) expect(part).not.toContain("Security alert");
      expect(message.text).toMatch(/^Confirm your email address\n/);
      expect(message.text).toContain("nothing happens without the password");
      const [row] = await testDb.db.outboxMessage.findMany({ where: { to: email, template: "verify-email" } });
      expect(row?.data).toEqual({});
    });
  });

  describe("the account's password", () => {
    it("a wrong one verifies nothing and keeps the link, which the right one then spends", async () => {
      const { user, token } = await registered("wrong-then-right");
      const verify = vi.spyOn(deps.hasher, "verify");

      expect(await confirm(token, "not the password at all")).toBe("wrong-password");
      expect(await confirm(token, "")).toBe("wrong-password");
      expect(verify).toHaveBeenCalledTimes(2); // compared with the stored hash, not refused unseen
      expect(await emailVerifiedOf(user.id)).toBeNull();
      expect((await tokenRow(token)).usedAt).toBeNull();

      expect(await confirm(token, PASSWORD)).toBe("verified");
      expect(await emailVerifiedOf(user.id)).toBeInstanceOf(Date);
      expect((await tokenRow(token)).usedAt).toBeInstanceOf(Date);
      expect(await confirm(token, PASSWORD)).toBe("confirmed");
    });

    it("the right one returns whose address it confirmed, and nothing of the password", async () => {
      const { email, user, token } = await registered("right");
      const outcome = await confirmEmail(deps, { token, password: PASSWORD, ip: null }, ROOMY_POLICY);
      expect(outcome).toEqual({ ok: true, userId: user.id, email });
    });

    it("a wrong one counts toward the sign-in throttle of the address, shared with the login form", async () => {
      const { email, user, token } = await registered("throttled");
      const tight: SignInPolicy = { ...ROOMY_POLICY, emailFailures: 2, backoffBaseMs: 60_000, backoffMaxMs: 60_000 };

      expect(await confirm(token, "guess one", tight)).toBe("wrong-password");
      expect(await confirm(token, "guess two", tight)).toBe("wrong-password");
      // the run is long enough: even the right password waits, unchecked, on this page and on the login form
      const verify = vi.spyOn(deps.hasher, "verify");
      const refused = await confirmEmail(deps, { token, password: PASSWORD, ip: null }, tight);
      expect(refused).toMatchObject({ ok: false, reason: "throttled", userId: user.id });
      expect(await checkCredentials(deps, { email, password: PASSWORD }, tight)).toMatchObject({ ok: false, reason: "throttled" });
      expect(verify).not.toHaveBeenCalled();
      expect(await emailVerifiedOf(user.id)).toBeNull();
      expect((await tokenRow(token)).usedAt).toBeNull();
    });

    it("a locked address stays locked here too, and its link keeps waiting for a reset", async () => {
      const { user, token } = await registered("locked");
      const lockable: SignInPolicy = { ...ROOMY_POLICY, lockoutFailures: 1 };

      expect(await confirm(token, "a wrong guess", lockable)).toBe("wrong-password");
      expect(await confirm(token, PASSWORD, lockable)).toBe("locked");
      expect(await emailVerifiedOf(user.id)).toBeNull();
    });

    it("the right one clears the address's failures, as a sign-in does", async () => {
      const { email, token } = await registered("cleared");
      // one failure: under a policy with one free failure, the next sign-in would have to wait
      expect(await confirm(token, "one wrong guess")).toBe("wrong-password");
      expect(await confirm(token)).toBe("verified");
      const tight: SignInPolicy = { ...ROOMY_POLICY, emailFailures: 1, backoffBaseMs: 60_000, backoffMaxMs: 60_000 };
      expect(await checkCredentials(deps, { email, password: PASSWORD }, tight)).toMatchObject({ ok: true });
    });

    it("is not asked for a link that cannot confirm anything", async () => {
      const { user, token } = await registered("void-link");
      await testDb.db.token.update({ where: { tokenHash: sha256(token) }, data: { expiresAt: new Date(Date.now() - 1_000) } });
      const verify = vi.spyOn(deps.hasher, "verify");

      expect(await confirm(token, "anything")).toBe("expired");
      expect(await confirm(newToken(), "anything")).toBe("invalid");
      expect(verify).not.toHaveBeenCalled();
      expect(await emailVerifiedOf(user.id)).toBeNull();
    });
  });

  describe("confirmEmail", () => {
    it("verifies the address once; the same link again says the address is confirmed", async () => {
      const { user, token } = await registered("once");
      expect(await emailVerifiedOf(user.id)).toBeNull();

      expect(await confirm(token)).toBe("verified");
      const verifiedAt = await emailVerifiedOf(user.id);
      expect(verifiedAt).toBeInstanceOf(Date);

      expect(await confirm(token)).toBe("confirmed");
      expect(await emailVerifiedOf(user.id)).toEqual(verifiedAt);
    });

    it("refuses a forged token and a token made for another purpose", async () => {
      const { user, token } = await registered("forged");
      expect(await confirm(newToken())).toBe("invalid");
      expect(await confirm(`${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`)).toBe("invalid");

      // a password-reset token of the same user must not verify the address
      const resetToken = newToken();
      await testDb.db.token.create({
        data: { tokenHash: sha256(resetToken), purpose: "RESET_PASSWORD", userId: user.id, email: user.email, expiresAt: new Date(Date.now() + 3_600_000) },
      });
      expect(await confirm(resetToken)).toBe("invalid");
      expect(await emailVerifiedOf(user.id)).toBeNull();
    });

    it("refuses an expired token and leaves the account unverified", async () => {
      const { user, token } = await registered("expired");
      // time travel: the link's expiry is now behind us
      await testDb.db.token.update({ where: { tokenHash: sha256(token) }, data: { expiresAt: new Date(Date.now() - 1_000) } });

      expect(await confirm(token)).toBe("expired");
      expect(await emailVerifiedOf(user.id)).toBeNull();
    });

    it("still accepts a token in the last seconds before it expires", async () => {
      const { user, token } = await registered("last-moment");
      await testDb.db.token.update({ where: { tokenHash: sha256(token) }, data: { expiresAt: new Date(Date.now() + 5_000) } });

      expect(await confirm(token)).toBe("verified");
      expect(await emailVerifiedOf(user.id)).toBeInstanceOf(Date);
    });

    it("refuses a token sent to an address the account no longer has", async () => {
      const { user, token } = await registered("moved");
      await testDb.db.user.update({ where: { id: user.id }, data: { email: newEmail("moved-to") } });

      expect(await confirm(token)).toBe("invalid");
      expect(await emailVerifiedOf(user.id)).toBeNull();
    });

    it("lets exactly one of two concurrent confirmations with one token succeed", async () => {
      const { user, token } = await registered("race");
      const outcomes = await Promise.all([confirm(token), confirm(token)]);

      expect(outcomes.sort()).toEqual(["confirmed", "verified"]);
      expect(await emailVerifiedOf(user.id)).toBeInstanceOf(Date);
    });

    it("says used, not confirmed, once the address the link confirmed is no longer the account's", async () => {
      const { user, token } = await registered("used-moved");
      expect(await confirm(token)).toBe("verified");
      await testDb.db.user.update({ where: { id: user.id }, data: { email: newEmail("moved-on") } });

      expect(await confirm(token)).toBe("used");
    });
  });

  describe("inspectConfirmationLink", () => {
    it("says what opening the link should show, and changes nothing by looking", async () => {
      const { user, token } = await registered("inspect");
      const before = await tokenRow(token);
      for (let i = 0; i < 3; i++) expect(await inspectConfirmationLink(testDb.db, token)).toBe("valid");
      expect(await tokenRow(token)).toEqual(before);
      expect(await emailVerifiedOf(user.id)).toBeNull();
      expect(await inspectConfirmationLink(testDb.db, newToken())).toBe("invalid");

      expect(await confirm(token)).toBe("verified");
      expect(await inspectConfirmationLink(testDb.db, token)).toBe("confirmed");
      await testDb.db.user.update({ where: { id: user.id }, data: { email: newEmail("inspect-moved") } });
      expect(await inspectConfirmationLink(testDb.db, token)).toBe("used");

      const { token: late } = await registered("inspect-expired");
      await testDb.db.token.update({ where: { tokenHash: sha256(late) }, data: { expiresAt: new Date(Date.now() - 1_000) } });
      expect(await inspectConfirmationLink(testDb.db, late)).toBe("expired");
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

      expect(await confirm(token)).toBe("verified");

      for (const sid of sids) expect(await findLiveSession(testDb.db, sessionPolicy, sid)).toBeNull();
      expect(await testDb.db.session.count({ where: { userId: user.id, revokedAt: null } })).toBe(0);
      expect(await findLiveSession(testDb.db, sessionPolicy, bystander)).not.toBeNull();
    });
  });

  describe("resendVerification", () => {
    it("replaces the previous link: the first token stops working and the newest verifies", async () => {
      const { email, user, token: first } = await registered("resend");
      await resendVerification(testDb.db, { email, ip: null });
      const { token: second } = await deliverAndReadLink(email);

      expect(sink.messagesTo(email)).toHaveLength(2);
      expect(second).not.toBe(first);
      expect(await confirm(first)).toBe("invalid");
      expect(await emailVerifiedOf(user.id)).toBeNull();
      expect(await confirm(second)).toBe("verified");
    });

    it("keeps the link already delivered working while a resend cannot be sent", async () => {
      const { email, token: first } = await registered("resend-fails");
      await resendVerification(testDb.db, { email, ip: null });
      vi.spyOn(console, "warn").mockImplementation(() => {});
      sink.setMode("tempfail");
      try {
        expect(await deliverDueEmails(mail)).toMatchObject({ claimed: 1, retry: 1 });
      } finally {
        sink.setMode("accept");
      }
      // the undelivered token is gone, the delivered one still works
      expect(await testDb.db.token.count({ where: { email, purpose: "VERIFY_EMAIL" } })).toBe(1);
      expect(await confirm(first)).toBe("verified");
    });

    it("queues one mail for three requests in a row, and answers all three the same", async () => {
      const { email } = await registered("limited");
      expect(await verifyMailsTo(email)).toBe(1);

      const answers = [];
      for (let request = 0; request < 3; request++) answers.push(await resendVerification(testDb.db, { email, ip: null }));
      expect(answers).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
      expect(await verifyMailsTo(email)).toBe(2);

      // time travel: after the 3-minute window another link may be sent
      const key = limitKey(VERIFICATION_RESEND, email);
      const window = await testDb.db.rateLimit.findUniqueOrThrow({ where: { key } });
      expect(window.expiresAt.getTime() - window.windowStart.getTime()).toBe(3 * 60_000);
      await testDb.db.rateLimit.update({ where: { key }, data: { expiresAt: new Date(Date.now() - 1_000) } });
      await resendVerification(testDb.db, { email, ip: null });
      expect(await verifyMailsTo(email)).toBe(3);
    });

    it("queues nothing for an unknown address or a verified account, and answers the same", async () => {
      const unknown = newEmail("nobody");
      const { email: verified, token } = await registered("done");
      expect(await confirm(token)).toBe("verified");

      await expect(resendVerification(testDb.db, { email: unknown, ip: null })).resolves.toEqual({ ok: true });
      await expect(resendVerification(testDb.db, { email: verified, ip: null })).resolves.toEqual({ ok: true });

      expect(await testDb.db.outboxMessage.count({ where: { to: unknown } })).toBe(0);
      expect(await verifyMailsTo(verified)).toBe(1); // the registration's mail only
      await deliverAll(mail);
      expect(sink.messagesTo(unknown)).toHaveLength(0);
      expect(sink.messagesTo(verified)).toHaveLength(1);
    });

    it("stops one network after its hourly allowance, with a message; other networks and unknown addresses go on", async () => {
      const ip = "198.51.100.23";
      const addresses = Array.from({ length: RESENDS_PER_IP.max }, () => newEmail("from-one-network"));
      for (const email of addresses) expect(await resendVerification(testDb.db, { email, ip })).toEqual({ ok: true });

      const { email } = await registered("one-too-many");
      const mailsBefore = await verifyMailsTo(email);
      expect(await resendVerification(testDb.db, { email, ip })).toEqual({
        ok: false,
        error: expect.stringMatching(/^Too many requests from your network\. Try again in (59|60) minutes\.$/),
      });
      // refused before the address is looked at: its own allowance is untouched and nothing is queued
      expect(await testDb.db.rateLimit.findUnique({ where: { key: limitKey(VERIFICATION_RESEND, email) } })).toBeNull();
      expect(await verifyMailsTo(email)).toBe(mailsBefore);

      expect(await resendVerification(testDb.db, { email, ip: "198.51.100.24" })).toEqual({ ok: true });
      expect(await verifyMailsTo(email)).toBe(mailsBefore + 1);
      expect(await resendVerification(testDb.db, { email: newEmail("no-ip"), ip: null })).toEqual({ ok: true });

      // time travel: after the hour the network may ask again
      await testDb.db.rateLimit.update({ where: { key: limitKey(RESENDS_PER_IP, ip) }, data: { expiresAt: new Date(Date.now() - 1_000) } });
      expect(await resendVerification(testDb.db, { email: newEmail("next-hour"), ip })).toEqual({ ok: true });
    });
  });
});
