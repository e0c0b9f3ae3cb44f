// Password reset end to end on both databases: ask for a link, let the real
// mail worker deliver it to the SMTP sink, read the token from the mail's
// link, and use it as the reset page's POST does.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isCommonPassword } from "@/lib/auth/common-passwords";
import { passwordProblem, type PasswordRules } from "@/lib/auth/password-policy";
import { createSession, findLiveSession } from "@/lib/auth/sessions";
import { newToken } from "@/lib/auth/tokens";
import type { MailWorkerConfig } from "@/lib/mail-worker";
import { deliverAll, mailWorkerConfig, storedTexts, TEST_APP_URL, testHasher } from "@/test/account-deps";
import { DB_KINDS } from "@/test/databases";
import { openTestDb, type TestDb } from "@/test/db";
import { SmtpSink } from "@/test/smtp-sink";
import { changePassword } from "./change-password";
import type { AccountDeps } from "./deps";
import { inspectResetLink, requestPasswordReset, RESET_REQUESTS_PER_EMAIL, RESET_REQUESTS_PER_IP, RESET_SUBMISSIONS_PER_IP, resetPassword } from "./password-reset";

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
const RULES: PasswordRules = { minLength: 12, isCommon: isCommonPassword };
const LINK = /\/reset-password\?token=([^\s"&<]+)/;
/** Anything that looks like one of our 256-bit tokens (43 base64url characters). */
const TOKEN_LIKE = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g;
const sessionPolicy = { idleMinutes: 60, maxAgeDays: 30 };
const OLD_PASSWORD = "tangerine bicycle orchestra";
const NEW_PASSWORD = "lantern meadow quietly hums";
const DEVICE = "Firefox on Linux";

describe.each(DB_KINDS)("password reset on %s", (kind) => {
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

  // every test has its own addresses and IPs, so rate limits and mailboxes never overlap
  let serial = 0;
  const newEmail = (label: string) => `${label}-${++serial}@example.test`;
  let ipSerial = 0;
  const newIp = () => `198.51.100.${++ipSerial}`;

  async function newUser(label: string, options: { verified?: boolean; name?: string } = {}) {
    const email = newEmail(label);
    return testDb.db.user.create({
      data: {
        email,
        name: options.name ?? "Robin",
        passwordHash: await deps.hasher.hash(OLD_PASSWORD),
        emailVerified: options.verified === false ? null : new Date("2024-01-02T03:04:05Z"),
      },
    });
  }

  const resetMailsTo = (email: string) => sink.messagesTo(email).filter((m) => /reset your/i.test(m.subject));
  const outboxTo = (email: string, template: string) => testDb.db.outboxMessage.findMany({ where: { to: email, template } });

  /** Delivers what is queued and returns the newest reset mail to the address and the token in its link. */
  async function deliverAndReadLink(email: string) {
    await deliverAll(mail);
    const message = resetMailsTo(email).at(-1);
    if (!message) throw new Error(`no reset mail to ${email}`);
    const token = LINK.exec(message.text)?.[1];
    if (!token) throw new Error(`no reset link in the mail to ${email}`);
    return { message, token };
  }

  /** Asks for a reset for the address (no IP) and returns the token from the mail. */
  async function requestLink(email: string) {
    await requestPasswordReset(testDb.db, { email, ip: null });
    return (await deliverAndReadLink(email)).token;
  }

  const userRow = (id: string) => testDb.db.user.findUniqueOrThrow({ where: { id }, omit: { passwordHash: false } });
  const sessionsOf = (userId: string) => testDb.db.session.findMany({ where: { userId }, orderBy: { id: "asc" } });
  const tokenRow = (token: string) => testDb.db.token.findUnique({ where: { tokenHash: sha256(token) } });
  const newSession = (userId: string) => createSession(testDb.db, sessionPolicy, { userId, persistent: false });
  const passwordHashOf = async (id: string) => (await userRow(id)).passwordHash;

  describe("requestPasswordReset", () => {
    it("queues one reset mail to the stored address; the mail links to the app and holds no other secret", async () => {
      const user = await newUser("known");
      expect(await requestPasswordReset(testDb.db, { email: user.email, ip: newIp() })).toBeUndefined();

      const queued = await outboxTo(user.email, "reset-password");
      expect(queued).toHaveLength(1);
      expect(queued[0]).toMatchObject({ to: user.email, userId: user.id, data: {}, status: "PENDING" });
      expect(await testDb.db.outboxMessage.count({ where: { userId: user.id } })).toBe(1);
      // the token is born at send time: nothing exists before delivery
      expect(await testDb.db.token.count({ where: { userId: user.id } })).toBe(0);

      const { message, token } = await deliverAndReadLink(user.email);
      expect(resetMailsTo(user.email)).toHaveLength(1);
      expect(message.to).toEqual([user.email]);
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const link = `${TEST_APP_URL}/reset-password?token=${token}`;
      expect(message.text).toContain(link);
      expect(message.html).toContain(`href="${link}"`);
      expect(message.html).toMatch(/^<!doctype html>/i);
      // every link in either part points at the app
      for (const url of `${message.text}\n${message.html}`.match(/https?:\/\/[^\s"<>]+/g) ?? []) {
        expect(url.startsWith(`${TEST_APP_URL}/`)).toBe(true);
      }
      // the link's token is the only token-like string; no hash, id or password travels
      for (const part of [message.text, message.html]) {
        expect(new Set(part.match(TOKEN_LIKE))).toEqual(new Set([token]));
        expect(part).not.toContain(user.id);
        expect(part).not.toContain(sha256(token));
        expect(part).not.toContain(OLD_PASSWORD);
        expect(part).not.toContain((await userRow(user.id)).passwordHash ?? "no hash");
      }
      expect(message.subject).not.toContain(token);
      for (const [name, value] of message.headers) expect(`${name}: ${JSON.stringify(value)}`).not.toContain(token);

      // the database keeps only the token's SHA-256, for one purpose, user and address, about an hour
      const rows = await testDb.db.token.findMany({ where: { userId: user.id } });
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ tokenHash: sha256(token), purpose: "RESET_PASSWORD", email: user.email, usedAt: null });
      const ttl = (rows[0]?.expiresAt.getTime() ?? 0) - Date.now();
      expect(ttl).toBeGreaterThan(55 * 60_000);
      expect(ttl).toBeLessThanOrEqual(60 * 60_000);
      const texts = await storedTexts(testDb.db);
      expect(texts.some(({ value }) => value === sha256(token))).toBe(true); // the scan sees the tokens table
      expect(texts.filter(({ value }) => value.includes(token))).toEqual([]);
    });

    it("queues nothing for an unknown address, answers the same, and changes nothing about the account", async () => {
      const user = await newUser("unchanged", { verified: false });
      const [sidA, sidB] = [await newSession(user.id), await newSession(user.id)];
      const [userBefore, sessionsBefore] = [await userRow(user.id), await sessionsOf(user.id)];
      const unknown = newEmail("nobody");

      const answers = [await requestPasswordReset(testDb.db, { email: unknown, ip: newIp() }), await requestPasswordReset(testDb.db, { email: user.email, ip: newIp() })];
      expect(answers).toEqual([undefined, undefined]);

      expect(await testDb.db.outboxMessage.count({ where: { to: unknown } })).toBe(0);
      expect(await outboxTo(user.email, "reset-password")).toHaveLength(1);
      // the account is exactly as it was: same hash, still unverified, same live sessions
      const userAfter = await userRow(user.id);
      expect(userAfter).toEqual(userBefore);
      expect(userAfter.emailVerified).toBeNull();
      expect(await sessionsOf(user.id)).toEqual(sessionsBefore);
      expect(await findLiveSession(testDb.db, sessionPolicy, sidA)).not.toBeNull();
      expect(await findLiveSession(testDb.db, sessionPolicy, sidB)).not.toBeNull();
      expect(await testDb.db.token.count({ where: { userId: user.id } })).toBe(0);

      await deliverAll(mail);
      expect(sink.messagesTo(unknown)).toEqual([]);
    });

    it("sends at most three links per address however often it is asked", async () => {
      expect(RESET_REQUESTS_PER_EMAIL.max).toBe(3);
      const user = await newUser("often");
      const answers = [];
      for (let i = 0; i < 5; i++) answers.push(await requestPasswordReset(testDb.db, { email: user.email, ip: newIp() }));
      expect(answers).toEqual(Array(5).fill(undefined));

      expect(await outboxTo(user.email, "reset-password")).toHaveLength(3);
      await deliverAll(mail);
      expect(resetMailsTo(user.email)).toHaveLength(3);
    });

    it("stops one IP after 20 requests, even for a known address; without an IP only the address limit applies", async () => {
      expect(RESET_REQUESTS_PER_IP.max).toBe(20);
      const user = await newUser("ip-limited");
      const ip = newIp();
      for (let i = 0; i < 21; i++) {
        expect(await requestPasswordReset(testDb.db, { email: newEmail("stranger"), ip })).toBeUndefined();
      }
      expect(await requestPasswordReset(testDb.db, { email: user.email, ip })).toBeUndefined();
      expect(await outboxTo(user.email, "reset-password")).toHaveLength(0);

      // no IP known (ip null): no IP counter at all, however many such requests come in;
      // the address itself is still within its own limit
      for (let i = 0; i < 21; i++) {
        expect(await requestPasswordReset(testDb.db, { email: newEmail("no-ip"), ip: null })).toBeUndefined();
      }
      expect(await requestPasswordReset(testDb.db, { email: user.email, ip: null })).toBeUndefined();
      expect(await outboxTo(user.email, "reset-password")).toHaveLength(1);
      // and another IP is not affected by the first one's count
      expect(await requestPasswordReset(testDb.db, { email: user.email, ip: newIp() })).toBeUndefined();
      expect(await outboxTo(user.email, "reset-password")).toHaveLength(2);
    });

    it("mails only an exact match: mıke@ (dotless ı) gets nothing, and neither does mike@", async () => {
      const mike = await testDb.db.user.create({ data: { email: "mike@example.org", passwordHash: await deps.hasher.hash(OLD_PASSWORD) } });
      expect(await requestPasswordReset(testDb.db, { email: "mıke@example.org", ip: newIp() })).toBeUndefined();

      expect(await testDb.db.outboxMessage.count({ where: { OR: [{ userId: mike.id }, { to: "mıke@example.org" }, { to: mike.email }] } })).toBe(0);
      await deliverAll(mail);
      expect(sink.messages.filter((m) => m.to.some((to) => to.endsWith("ke@example.org")))).toEqual([]);
      expect(await testDb.db.token.count({ where: { userId: mike.id } })).toBe(0);
    });
  });

  describe("inspectResetLink", () => {
    it("says valid, invalid, expired and used, and changes nothing by looking", async () => {
      const user = await newUser("inspect");
      const token = await requestLink(user.email);
      const [tokenBefore, userBefore] = [await tokenRow(token), await userRow(user.id)];

      for (let i = 0; i < 3; i++) expect(await inspectResetLink(testDb.db, token)).toBe("valid");
      expect(await tokenRow(token)).toEqual(tokenBefore);
      expect(await userRow(user.id)).toEqual(userBefore);

      expect(await inspectResetLink(testDb.db, newToken())).toBe("invalid");
      expect(await inspectResetLink(testDb.db, `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`)).toBe("invalid");
      expect(await inspectResetLink(testDb.db, "")).toBe("invalid");

      // time travel: the link's expiry is now behind us
      await testDb.db.token.update({ where: { tokenHash: sha256(token) }, data: { expiresAt: new Date(Date.now() - 1_000) } });
      const expired = await tokenRow(token);
      expect(await inspectResetLink(testDb.db, token)).toBe("expired");
      expect(await tokenRow(token)).toEqual(expired);

      const fresh = await requestLink(user.email);
      expect(await resetPassword(deps, { token: fresh, password: NEW_PASSWORD, device: DEVICE, ip: null }, RULES)).toMatchObject({ ok: true });
      const used = await tokenRow(fresh);
      expect(await inspectResetLink(testDb.db, fresh)).toBe("used");
      expect(await tokenRow(fresh)).toEqual(used);
    });

    it("calls a token of another purpose invalid", async () => {
      const user = await newUser("purpose");
      const token = newToken();
      await testDb.db.token.create({
        data: { tokenHash: sha256(token), purpose: "VERIFY_EMAIL", userId: user.id, email: user.email, expiresAt: new Date(Date.now() + 3_600_000) },
      });
      expect(await inspectResetLink(testDb.db, token)).toBe("invalid");
      expect(await resetPassword(deps, { token, password: NEW_PASSWORD, device: DEVICE, ip: null }, RULES)).toEqual({ ok: false, reason: "invalid" });
      expect(await deps.hasher.verify(OLD_PASSWORD, await passwordHashOf(user.id))).toBe(true);
    });
  });

  describe("resetPassword", () => {
    it("sets the password, ends every session, verifies the address and sends a notice without secrets", async () => {
      const user = await newUser("success", { verified: false });
      const sids = [await newSession(user.id), await newSession(user.id)];
      const token = await requestLink(user.email);
      const sessionsBefore = (await sessionsOf(user.id)).length;

      expect(await resetPassword(deps, { token, password: NEW_PASSWORD, device: DEVICE, ip: null }, RULES)).toMatchObject({ ok: true });

      const after = await userRow(user.id);
      expect(await deps.hasher.verify(NEW_PASSWORD, after.passwordHash)).toBe(true);
      expect(await deps.hasher.verify(OLD_PASSWORD, after.passwordHash)).toBe(false);
      expect(after.emailVerified).toBeInstanceOf(Date);
      expect(Date.now() - (after.emailVerified?.getTime() ?? 0)).toBeLessThan(60_000);
      // every session is over, and the reset signed nobody in
      for (const sid of sids) expect(await findLiveSession(testDb.db, sessionPolicy, sid)).toBeNull();
      const sessions = await sessionsOf(user.id);
      expect(sessions).toHaveLength(sessionsBefore);
      expect(sessions.every((s) => s.revokedAt !== null)).toBe(true);
      expect((await tokenRow(token))?.usedAt).toBeInstanceOf(Date);

      const notices = await outboxTo(user.email, "password-changed");
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({ userId: user.id, data: { via: "reset", device: DEVICE } });
      const tokensBefore = await testDb.db.token.count();

      await deliverAll(mail);
      const notice = sink.messagesTo(user.email).find((m) => /password was changed/i.test(m.subject));
      if (!notice) throw new Error("no password-changed mail");
      const whole = `${notice.subject}\n${notice.text}\n${notice.html}\n${notice.raw}`;
      expect(notice.text).toContain(DEVICE);
      expect(notice.text).toMatch(/reset/i);
      expect(whole).not.toContain(NEW_PASSWORD);
      expect(whole).not.toContain(token);
      expect(`${notice.text}\n${notice.html}`.match(TOKEN_LIKE)).toBeNull();
      expect(await testDb.db.token.count()).toBe(tokensBefore); // the notice carries no link token
    });

    it("keeps an address that was already verified as it was", async () => {
      const user = await newUser("was-verified");
      const token = await requestLink(user.email);
      expect(await resetPassword(deps, { token, password: NEW_PASSWORD, device: DEVICE, ip: null }, RULES)).toMatchObject({ ok: true });
      expect((await userRow(user.id)).emailVerified).toEqual(user.emailVerified);
    });

    it("refuses a weak password with the policy's message and leaves the link usable", async () => {
      const user = await newUser("weak-local");
      const sid = await newSession(user.id);
      const local = user.email.slice(0, user.email.indexOf("@"));
      const token = await requestLink(user.email);

      for (const weak of ["qwerty123456", "short pass", `${local}${local}`]) {
        const message = passwordProblem(weak, { email: user.email, name: user.name ?? undefined }, RULES);
        expect(message).toBeTypeOf("string");
        expect(await resetPassword(deps, { token, password: weak, device: DEVICE, ip: null }, RULES)).toEqual({ ok: false, reason: "weak", message });
        expect(await inspectResetLink(testDb.db, token)).toBe("valid");
      }
      expect(await deps.hasher.verify(OLD_PASSWORD, await passwordHashOf(user.id))).toBe(true);
      expect(await findLiveSession(testDb.db, sessionPolicy, sid)).not.toBeNull();
      expect(await outboxTo(user.email, "password-changed")).toHaveLength(0);

      expect(await resetPassword(deps, { token, password: NEW_PASSWORD, device: DEVICE, ip: null }, RULES)).toMatchObject({ ok: true });
    });

    it("works once: the same link again says used and changes nothing", async () => {
      const user = await newUser("reuse");
      const token = await requestLink(user.email);
      expect(await resetPassword(deps, { token, password: NEW_PASSWORD, device: DEVICE, ip: null }, RULES)).toMatchObject({ ok: true });
      const hash = await passwordHashOf(user.id);

      expect(await resetPassword(deps, { token, password: "another fresh passphrase", device: DEVICE, ip: null }, RULES)).toEqual({ ok: false, reason: "used" });
      expect(await passwordHashOf(user.id)).toBe(hash);
      expect(await outboxTo(user.email, "password-changed")).toHaveLength(1);
    });

    it("refuses an expired link and keeps the old password", async () => {
      const user = await newUser("expired");
      const token = await requestLink(user.email);
      await testDb.db.token.update({ where: { tokenHash: sha256(token) }, data: { expiresAt: new Date(Date.now() - 1_000) } });

      expect(await resetPassword(deps, { token, password: NEW_PASSWORD, device: DEVICE, ip: null }, RULES)).toEqual({ ok: false, reason: "expired" });
      expect(await deps.hasher.verify(OLD_PASSWORD, await passwordHashOf(user.id))).toBe(true);
      expect((await tokenRow(token))?.usedAt).toBeNull();
      expect(await outboxTo(user.email, "password-changed")).toHaveLength(0);
    });

    it("refuses a link superseded by a newer one; the newer one works", async () => {
      const user = await newUser("superseded");
      await requestPasswordReset(testDb.db, { email: user.email, ip: null });
      await requestPasswordReset(testDb.db, { email: user.email, ip: null });
      await deliverAll(mail);
      const tokens = resetMailsTo(user.email).map((m) => LINK.exec(m.text)?.[1]);
      expect(tokens).toHaveLength(2);
      const [first, second] = tokens;
      if (!first || !second) throw new Error("a reset mail has no link");
      expect(first).not.toBe(second);

      expect(await inspectResetLink(testDb.db, first)).toBe("invalid");
      expect(await resetPassword(deps, { token: first, password: NEW_PASSWORD, device: DEVICE, ip: null }, RULES)).toEqual({ ok: false, reason: "invalid" });
      expect(await deps.hasher.verify(OLD_PASSWORD, await passwordHashOf(user.id))).toBe(true);
      expect(await resetPassword(deps, { token: second, password: NEW_PASSWORD, device: DEVICE, ip: null }, RULES)).toMatchObject({ ok: true });
    });

    it("refuses a link sent to an address the account no longer has", async () => {
      const user = await newUser("moved");
      const token = await requestLink(user.email);
      await testDb.db.user.update({ where: { id: user.id }, data: { email: newEmail("moved-to") } });

      expect(await inspectResetLink(testDb.db, token)).toBe("invalid");
      expect(await resetPassword(deps, { token, password: NEW_PASSWORD, device: DEVICE, ip: null }, RULES)).toEqual({ ok: false, reason: "invalid" });
      expect(await deps.hasher.verify(OLD_PASSWORD, await passwordHashOf(user.id))).toBe(true);
    });

    it("voids waiting links when the password is changed in the settings", async () => {
      const user = await newUser("changed");
      const sid = await newSession(user.id);
      const token = await requestLink(user.email);
      expect(await inspectResetLink(testDb.db, token)).toBe("valid");

      const changed = await changePassword(deps, { userId: user.id, sessionId: sid, currentPassword: OLD_PASSWORD, password: NEW_PASSWORD, device: DEVICE }, RULES);
      expect(changed).toEqual({ ok: true });
      expect(await inspectResetLink(testDb.db, token)).toBe("invalid");
      expect(await resetPassword(deps, { token, password: "attacker chosen passphrase", device: DEVICE, ip: null }, RULES)).toEqual({ ok: false, reason: "invalid" });
      expect(await deps.hasher.verify(NEW_PASSWORD, await passwordHashOf(user.id))).toBe(true);
    });

    it("voids the user's other waiting links when a reset completes", async () => {
      const user = await newUser("completed");
      const token = await requestLink(user.email);
      // another live reset token of the same user (e.g. issued by another instance a moment ago)
      const other = newToken();
      await testDb.db.token.create({
        data: { tokenHash: sha256(other), purpose: "RESET_PASSWORD", userId: user.id, email: user.email, expiresAt: new Date(Date.now() + 3_600_000) },
      });
      expect(await inspectResetLink(testDb.db, other)).toBe("valid");

      expect(await resetPassword(deps, { token, password: NEW_PASSWORD, device: DEVICE, ip: null }, RULES)).toMatchObject({ ok: true });
      expect(await inspectResetLink(testDb.db, other)).toBe("invalid");
      expect(await resetPassword(deps, { token: other, password: "attacker chosen passphrase", device: DEVICE, ip: null }, RULES)).toEqual({ ok: false, reason: "invalid" });
      expect(await deps.hasher.verify(NEW_PASSWORD, await passwordHashOf(user.id))).toBe(true);
    });

    it("lets exactly one of two concurrent resets with one link win, and stores the winner's password", async () => {
      const user = await newUser("race");
      const token = await requestLink(user.email);
      const passwords = ["first racer passphrase", "second racer passphrase"] as const;

      const outcomes = await Promise.all(passwords.map((password) => resetPassword(deps, { token, password, device: DEVICE, ip: null }, RULES)));

      expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
      expect(outcomes.filter((o) => !o.ok)).toEqual([{ ok: false, reason: "used" }]);
      const winner = outcomes[0]?.ok ? passwords[0] : passwords[1];
      const loser = winner === passwords[0] ? passwords[1] : passwords[0];
      const hash = await passwordHashOf(user.id);
      expect(await deps.hasher.verify(winner, hash)).toBe(true);
      expect(await deps.hasher.verify(loser, hash)).toBe(false);
      expect(await deps.hasher.verify(OLD_PASSWORD, hash)).toBe(false);
      expect(await outboxTo(user.email, "password-changed")).toHaveLength(1);
    });

    it("limits link submissions per IP: the 21st in a minute is refused before the link is looked at", async () => {
      const user = await newUser("submit-limit");
      const token = await requestLink(user.email);
      const ip = "198.51.100.7";
      for (let i = 0; i < RESET_SUBMISSIONS_PER_IP.max; i++) {
        expect(await resetPassword(deps, { token: newToken(), password: NEW_PASSWORD, device: DEVICE, ip }, RULES)).toEqual({ ok: false, reason: "invalid" });
      }
      expect(await resetPassword(deps, { token, password: NEW_PASSWORD, device: DEVICE, ip }, RULES)).toEqual({ ok: false, reason: "throttled" });
      expect(await inspectResetLink(testDb.db, token)).toBe("valid");
      // another network is not affected
      expect(await resetPassword(deps, { token, password: NEW_PASSWORD, device: DEVICE, ip: "198.51.100.8" }, RULES)).toMatchObject({ ok: true });
    });
  });
});
