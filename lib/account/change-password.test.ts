// Changing the password of a signed-in account, on both databases: the
// current password is proved (with a limit on guesses), this browser stays
// signed in, every other one is signed out, and the owner is told.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isCommonPassword } from "@/lib/auth/common-passwords";
import { passwordProblem, type PasswordRules } from "@/lib/auth/password-policy";
import { limitKey } from "@/lib/auth/rate-limit";
import { findLiveSession } from "@/lib/auth/sessions";
import { testHasher } from "@/test/account-deps";
import { DB_KINDS } from "@/test/databases";
import { openTestDb, type TestDb } from "@/test/db";
import { signedInUser as makeSignedInUser, TEST_SESSION_POLICY } from "@/test/signed-in-user";
import { CHANGED_MEANWHILE, changePassword, type ChangePasswordInput } from "./change-password";
import { PASSWORD_CHECK_ATTEMPTS } from "./current-password";
import type { AccountDeps } from "./deps";

const RULES: PasswordRules = { minLength: 12, isCommon: isCommonPassword };
const CURRENT = "tangerine bicycle orchestra";
const NEW_PASSWORD = "lantern meadow quietly hums";
const WRONG = "not my password at all";
const DEVICE = "Safari on macOS";

describe.each(DB_KINDS)("changePassword on %s", (kind) => {
  let testDb: TestDb;
  let deps: AccountDeps;

  beforeAll(async () => {
    testDb = await openTestDb(kind);
    deps = { db: testDb.db, hasher: testHasher() };
  });
  afterAll(() => testDb.close());

  /** A verified account signed in on two browsers (`sid` is this one), and a change made from `sid`. */
  async function signedInUser(label: string) {
    const account = await makeSignedInUser(deps, label, { password: CURRENT });
    const change = (fields: Partial<ChangePasswordInput>) =>
      changePassword(deps, { userId: account.user.id, sessionId: account.sid, currentPassword: CURRENT, password: NEW_PASSWORD, device: DEVICE, ...fields }, RULES);
    return { ...account, change };
  }

  const userRow = (id: string) => testDb.db.user.findUniqueOrThrow({ where: { id }, omit: { passwordHash: false } });
  const passwordHashOf = async (id: string) => (await userRow(id)).passwordHash;
  const noticesOf = (userId: string) => testDb.db.outboxMessage.findMany({ where: { userId, template: "password-changed" } });
  const isLive = async (sid: string) => (await findLiveSession(testDb.db, TEST_SESSION_POLICY, sid)) !== null;

  /** Asserts that nothing about the account moved: same hash, both sessions alive, no notice. */
  async function expectUnchanged(account: Awaited<ReturnType<typeof signedInUser>>) {
    const hash = await passwordHashOf(account.user.id);
    expect(hash).toBe(account.user.passwordHash);
    expect(await deps.hasher.verify(CURRENT, hash)).toBe(true);
    expect(await isLive(account.sid)).toBe(true);
    expect(await isLive(account.otherSid)).toBe(true);
    expect(await noticesOf(account.user.id)).toEqual([]);
  }

  it("sets the password, keeps this session, ends the others and queues one notice", async () => {
    const account = await signedInUser("success");
    const stranger = await signedInUser("bystander");

    expect(await account.change({})).toEqual({ ok: true });

    const hash = await passwordHashOf(account.user.id);
    expect(await deps.hasher.verify(NEW_PASSWORD, hash)).toBe(true);
    expect(await deps.hasher.verify(CURRENT, hash)).toBe(false);
    expect(await findLiveSession(testDb.db, TEST_SESSION_POLICY, account.sid)).toMatchObject({ userId: account.user.id, revokedAt: null });
    expect(await isLive(account.otherSid)).toBe(false);
    // another user's sessions are none of this change's business
    expect(await isLive(stranger.sid)).toBe(true);
    expect(await isLive(stranger.otherSid)).toBe(true);

    const notices = await noticesOf(account.user.id);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ to: account.user.email, status: "PENDING", data: { via: "change", device: DEVICE } });
    expect(JSON.stringify(notices[0]?.data)).not.toContain(NEW_PASSWORD);
  });

  it("refuses a wrong current password and changes nothing", async () => {
    const account = await signedInUser("wrong");
    expect(await account.change({ currentPassword: WRONG })).toEqual({
      ok: false,
      field: "currentPassword",
      error: "That isn't your current password.",
    });
    await expectUnchanged(account);
  });

  it("refuses the current password as the new one, also when it only differs by NFKC", async () => {
    const account = await signedInUser("same");
    const fullWidth = "ｔａｎｇｅｒｉｎｅ　ｂｉｃｙｃｌｅ　ｏｒｃｈｅｓｔｒａ"; // CURRENT in full-width letters and spaces
    expect(fullWidth).not.toBe(CURRENT);
    expect(fullWidth.normalize("NFKC")).toBe(CURRENT);

    for (const password of [CURRENT, fullWidth]) {
      const outcome = await account.change({ password });
      expect(outcome).toMatchObject({ ok: false, field: "password" });
      expect(outcome.ok ? "" : outcome.error).toMatch(/different/i);
    }
    await expectUnchanged(account);
  });

  it("refuses a weak new password with the policy's message", async () => {
    const account = await signedInUser("weak");
    const local = account.user.email.slice(0, account.user.email.indexOf("@"));

    for (const weak of ["qwerty123456", "too short", `${local}${local}`]) {
      const message = passwordProblem(weak, { email: account.user.email, name: "Robin" }, RULES);
      expect(message).toBeTypeOf("string");
      expect(await account.change({ password: weak })).toEqual({ ok: false, field: "password", error: message });
    }
    await expectUnchanged(account);
  });

  it("stops after five wrong current passwords: the sixth attempt fails even with the right one", async () => {
    expect(PASSWORD_CHECK_ATTEMPTS.max).toBe(5);
    const account = await signedInUser("throttled");
    for (let i = 0; i < 5; i++) {
      expect(await account.change({ currentPassword: `${WRONG} ${i}` })).toMatchObject({ ok: false, field: "currentPassword" });
    }

    const outcome = await account.change({});
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? undefined : outcome.field).toBeUndefined();
    expect(outcome.ok ? "" : outcome.error).toMatch(/^Too many attempts\. Try again in \d+ minutes?\.$/);
    await expectUnchanged(account);

    // the limit is per account: another user is not affected
    const other = await signedInUser("unthrottled");
    expect(await other.change({})).toEqual({ ok: true });
  });

  it("forgets the wrong guesses after a success", async () => {
    const account = await signedInUser("cleared");
    const key = limitKey(PASSWORD_CHECK_ATTEMPTS, account.user.id);
    for (let i = 0; i < 4; i++) expect(await account.change({ currentPassword: WRONG })).toMatchObject({ field: "currentPassword" });
    expect(await testDb.db.rateLimit.findUnique({ where: { key } })).toMatchObject({ count: 4 });

    // the fifth attempt is still allowed, and succeeds
    expect(await account.change({})).toEqual({ ok: true });
    expect(await testDb.db.rateLimit.findUnique({ where: { key } })).toBeNull();

    // a fresh budget: four more wrong guesses and a right one (nine attempts in all) still get through
    const next = "orchard velvet compass drifts";
    for (let i = 0; i < 4; i++) {
      expect(await account.change({ currentPassword: WRONG, password: next })).toMatchObject({ field: "currentPassword" });
    }
    expect(await account.change({ currentPassword: NEW_PASSWORD, password: next })).toEqual({ ok: true });
    expect(await deps.hasher.verify(next, await passwordHashOf(account.user.id))).toBe(true);
    expect(await isLive(account.sid)).toBe(true);
  });

  it("lets exactly one of two changes made at once from two sessions win: its password, its session, one notice", async () => {
    const account = await signedInUser("race");
    const passwords = { [account.sid]: NEW_PASSWORD, [account.otherSid]: "orchard velvet compass drifts" };
    // truly at once: neither change hashes its new password until both have checked the old one
    const bothChecked = barrier(2);
    const racing: AccountDeps = { ...deps, hasher: { ...deps.hasher, hash: async (password) => (await bothChecked(), deps.hasher.hash(password)) } };
    const outcomes = await Promise.all(
      Object.entries(passwords).map(([sessionId, password]) =>
        changePassword(racing, { userId: account.user.id, sessionId, currentPassword: CURRENT, password, device: DEVICE }, RULES),
      ),
    );
    const winners = outcomes.filter((outcome) => outcome.ok);
    expect(winners).toHaveLength(1);
    expect(outcomes.find((outcome) => !outcome.ok)).toEqual({ ok: false, field: "currentPassword", error: CHANGED_MEANWHILE });

    const winnerSid = Object.keys(passwords)[outcomes.indexOf(winners[0] ?? { ok: true })] ?? "";
    const loserSid = winnerSid === account.sid ? account.otherSid : account.sid;
    expect(await deps.hasher.verify(passwords[winnerSid] ?? "", await passwordHashOf(account.user.id))).toBe(true);
    expect(await isLive(winnerSid)).toBe(true);
    expect(await isLive(loserSid)).toBe(false);
    expect(await noticesOf(account.user.id)).toHaveLength(1);
  });
});

/** Resolves for everyone once `count` callers are waiting. */
function barrier(count: number): () => Promise<void> {
  let waiting = 0;
  let release: () => void = () => {};
  const opened = new Promise<void>((resolve) => (release = resolve));
  return () => {
    if (++waiting === count) release();
    return opened;
  };
}
