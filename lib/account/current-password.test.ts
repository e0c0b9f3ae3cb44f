// Proving the current password again, on both databases. One counter per
// person covers every sensitive form, so the limit cannot be dodged by
// spreading guesses over the password, email, sessions and delete forms.
import { describe, expect, it } from "vitest";
import { limitKey } from "@/lib/auth/rate-limit";
import { useAccountTestBed } from "@/test/account-test-bed";
import { DB_KINDS } from "@/test/databases";
import { CURRENT_PASSWORD, signedInUser, TEST_SESSION_POLICY } from "@/test/signed-in-user";
import { requestEmailChange } from "./change-email";
import { checkCurrentPassword, forgetPasswordChecks, PASSWORD_CHECK_ATTEMPTS, WRONG_CURRENT_PASSWORD } from "./current-password";
import { deleteAccount } from "./delete-account";
import { endSessions } from "./sessions";

const WRONG = "not my password at all";
const TOO_MANY = /^Too many attempts\. Try again in \d+ minutes?\.$/;

describe.each(DB_KINDS)("checkCurrentPassword on %s", (kind) => {
  const bed = useAccountTestBed(kind);
  const check = (userId: string, password: string) => checkCurrentPassword(bed.deps, userId, password);
  const counterOf = (userId: string) => bed.db.rateLimit.findUnique({ where: { key: limitKey(PASSWORD_CHECK_ATTEMPTS, userId) } });

  it("returns the user's own fields for the right password, and the hash it checked only beside them", async () => {
    const { user } = await signedInUser(bed.deps, "right", { name: "Ada" });
    const outcome = await check(user.id, CURRENT_PASSWORD);
    // the hash is there for a password change to replace exactly that one; the user fields never carry it
    expect(outcome).toEqual({ ok: true, user: { id: user.id, email: user.email, name: "Ada", pendingEmail: null }, passwordHash: user.passwordHash });
    expect(outcome.ok && JSON.stringify(outcome.user)).not.toContain(user.passwordHash ?? "no hash");
  });

  it("refuses a wrong password, an unknown user and an account without a password alike", async () => {
    const { user } = await signedInUser(bed.deps, "wrong");
    const passwordless = await bed.db.user.create({ data: { email: `passwordless-${user.id}@example.test` } });
    const refused = { ok: false, field: "currentPassword", error: WRONG_CURRENT_PASSWORD };

    expect(await check(user.id, WRONG)).toEqual(refused);
    expect(await check("no-such-user", CURRENT_PASSWORD)).toEqual(refused);
    expect(await check(passwordless.id, CURRENT_PASSWORD)).toEqual(refused);
    expect(await check(passwordless.id, "")).toEqual(refused);
  });

  it("counts every attempt, right ones too: the sixth in the window is refused before the password is looked at", async () => {
    expect(PASSWORD_CHECK_ATTEMPTS).toMatchObject({ max: 5, windowMs: 15 * 60_000 });
    const { user } = await signedInUser(bed.deps, "counted");
    for (let i = 0; i < 5; i++) expect(await check(user.id, CURRENT_PASSWORD)).toMatchObject({ ok: true });
    expect(await counterOf(user.id)).toMatchObject({ count: 5 });

    const refused = await check(user.id, CURRENT_PASSWORD);
    expect(refused).toMatchObject({ ok: false });
    expect(refused.ok ? undefined : refused.field).toBeUndefined();
    expect(refused.ok ? "" : refused.error).toMatch(TOO_MANY);
    // the window is a quarter of an hour: the wait said is 15 minutes, not less
    expect(refused.ok ? "" : refused.error).toBe("Too many attempts. Try again in 15 minutes.");
  });

  it("shares one budget between the email, sessions and delete forms", async () => {
    const account = await signedInUser(bed.deps, "shared");
    const userId = account.user.id;
    const newEmail = `elsewhere-${userId}@example.test`;

    expect(await requestEmailChange(bed.deps, { userId, newEmail, currentPassword: WRONG })).toMatchObject({ field: "currentPassword" });
    expect(await requestEmailChange(bed.deps, { userId, newEmail, currentPassword: WRONG })).toMatchObject({ field: "currentPassword" });
    const endOthers = { userId, currentSid: account.sid, target: { all: true as const } };
    expect(await endSessions(bed.deps, TEST_SESSION_POLICY, { ...endOthers, currentPassword: WRONG })).toMatchObject({ field: "currentPassword" });
    expect(await endSessions(bed.deps, TEST_SESSION_POLICY, { ...endOthers, currentPassword: WRONG })).toMatchObject({ field: "currentPassword" });
    expect(await deleteAccount(bed.deps, { userId, currentPassword: WRONG })).toMatchObject({ field: "currentPassword" });

    // the right password on any form is now too late, and nothing happens
    for (const outcome of [
      await requestEmailChange(bed.deps, { userId, newEmail, currentPassword: CURRENT_PASSWORD }),
      await endSessions(bed.deps, TEST_SESSION_POLICY, { ...endOthers, currentPassword: CURRENT_PASSWORD }),
      await deleteAccount(bed.deps, { userId, currentPassword: CURRENT_PASSWORD }),
    ]) {
      expect(outcome.ok ? "" : outcome.error).toMatch(TOO_MANY);
    }
    expect(await bed.db.user.findUnique({ where: { id: userId } })).toMatchObject({ email: account.user.email, pendingEmail: null });
    expect(await bed.db.session.count({ where: { userId, revokedAt: null } })).toBe(2);
    expect(await bed.db.outboxMessage.count({ where: { userId } })).toBe(0);
  });

  it("keeps each person's counter apart", async () => {
    const [guessed, bystander] = [await signedInUser(bed.deps, "guessed"), await signedInUser(bed.deps, "bystander")];
    for (let i = 0; i < 6; i++) await check(guessed.user.id, WRONG);
    expect(await check(guessed.user.id, CURRENT_PASSWORD)).toMatchObject({ ok: false, error: expect.stringMatching(TOO_MANY) });
    expect(await check(bystander.user.id, CURRENT_PASSWORD)).toMatchObject({ ok: true });
  });

  it("forgets the counter on forgetPasswordChecks, for that person only", async () => {
    const [forgiven, other] = [await signedInUser(bed.deps, "forgiven"), await signedInUser(bed.deps, "still-counted")];
    for (let i = 0; i < 5; i++) {
      await check(forgiven.user.id, WRONG);
      await check(other.user.id, WRONG);
    }
    await forgetPasswordChecks(bed.deps, forgiven.user.id);

    expect(await counterOf(forgiven.user.id)).toBeNull();
    expect(await check(forgiven.user.id, CURRENT_PASSWORD)).toMatchObject({ ok: true });
    expect(await counterOf(other.user.id)).toMatchObject({ count: 5 });
    expect(await check(other.user.id, CURRENT_PASSWORD)).toMatchObject({ ok: false, error: expect.stringMatching(TOO_MANY) });
  });
});
