// Deleting an account, on both databases, with the real mail worker: the
// password is proved again, then the user and everything hanging off it go,
// mail still waiting for it is dropped, and a goodbye is delivered.
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { findLiveSession } from "@/lib/auth/sessions";
import { useAccountTestBed } from "@/test/account-test-bed";
import { DB_KINDS } from "@/test/databases";
import { CURRENT_PASSWORD, signedInUser, TEST_SESSION_POLICY, uniqueEmail } from "@/test/signed-in-user";
import { prepareAvatar } from "./avatar-image";
import { requestEmailChange } from "./change-email";
import { deleteAccount } from "./delete-account";
import { requestPasswordReset } from "./password-reset";
import { saveAvatar } from "./profile";
import { registerAccount } from "./register";

const WRONG = "not my password at all";

describe.each(DB_KINDS)("deleteAccount on %s", (kind) => {
  const bed = useAccountTestBed(kind, { mail: true });

  /** A signed-in account with an avatar and a delivered reset link (a token and a sent mail). */
  async function accountWithHistory(label: string) {
    const account = await signedInUser(bed.deps, label, { name: "Ada" });
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#3366cc" } })
      .png()
      .toBuffer();
    const avatar = await prepareAvatar(png);
    if (!avatar.ok) throw new Error(avatar.error);
    await saveAvatar(bed.db, account.user.id, avatar.image);
    await requestPasswordReset(bed.db, { email: account.user.email, ip: null });
    await bed.deliverAll();
    return account;
  }

  /** Queues two mails for the account (an email change) and leaves them waiting; returns the address asked for. */
  async function queueEmailChange(userId: string, label: string) {
    const newEmail = uniqueEmail(`${label}-pending`);
    expect(await requestEmailChange(bed.deps, { userId, newEmail, currentPassword: CURRENT_PASSWORD })).toEqual({ ok: true });
    return newEmail;
  }

  /** A signed-in account with all of the above and two mails still waiting. */
  async function fullAccount(label: string) {
    const account = await accountWithHistory(label);
    return { ...account, newEmail: await queueEmailChange(account.user.id, label) };
  }

  /** What the account owns, row counts by kind. */
  async function holdings(userId: string) {
    const where = { userId };
    return {
      users: await bed.db.user.count({ where: { id: userId } }),
      sessions: await bed.db.session.count({ where }),
      tokens: await bed.db.token.count({ where }),
      avatars: await bed.db.avatar.count({ where }),
      pendingMail: await bed.db.outboxMessage.count({ where: { userId, status: "PENDING" } }),
    };
  }

  it("refuses a wrong password and deletes nothing", async () => {
    const account = await fullAccount("kept");
    const before = await holdings(account.user.id);
    expect(before).toEqual({ users: 1, sessions: 2, tokens: 1, avatars: 1, pendingMail: 2 });

    expect(await deleteAccount(bed.deps, { userId: account.user.id, currentPassword: WRONG })).toEqual({
      ok: false,
      field: "currentPassword",
      error: "That isn't your current password.",
    });
    expect(await holdings(account.user.id)).toEqual(before);
    expect(await bed.db.outboxMessage.count({ where: { template: "account-deleted", to: account.user.email } })).toBe(0);
    expect(await findLiveSession(bed.db, TEST_SESSION_POLICY, account.sid)).not.toBeNull();
  });

  it("removes the user with its sessions, tokens, avatar and waiting mail, and delivers a goodbye", async () => {
    // both histories first: delivering the second would send the first one's waiting mail
    const [leaver, stayer] = [await accountWithHistory("leaver"), await accountWithHistory("stays")];
    const account = { ...leaver, newEmail: await queueEmailChange(leaver.user.id, "leaver") };
    const bystander = { ...stayer, newEmail: await queueEmailChange(stayer.user.id, "stays") };
    expect(await holdings(account.user.id)).toEqual({ users: 1, sessions: 2, tokens: 1, avatars: 1, pendingMail: 2 });
    const bystanderBefore = await holdings(bystander.user.id);

    expect(await deleteAccount(bed.deps, { userId: account.user.id, currentPassword: CURRENT_PASSWORD })).toEqual({ ok: true });

    expect(await holdings(account.user.id)).toEqual({ users: 0, sessions: 0, tokens: 0, avatars: 0, pendingMail: 0 });
    expect(await bed.db.user.findUnique({ where: { email: account.user.email } })).toBeNull();
    for (const sid of [account.sid, account.otherSid]) expect(await findLiveSession(bed.db, TEST_SESSION_POLICY, sid)).toBeNull();
    // the goodbye is not tied to the account it outlives
    const goodbyes = await bed.db.outboxMessage.findMany({ where: { template: "account-deleted", to: account.user.email } });
    expect(goodbyes).toHaveLength(1);
    expect(goodbyes[0]).toMatchObject({ userId: null, status: "PENDING", data: { name: "Ada" } });
    expect(await holdings(bystander.user.id)).toEqual(bystanderBefore);

    bed.sink.clear();
    await bed.deliverAll();
    const mailed = bed.sink.messagesTo(account.user.email);
    expect(mailed.map((m) => m.subject)).toEqual(["Your Accounts account was deleted"]);
    expect(mailed[0]?.text).toContain("Goodbye, Ada");
    // the dropped confirmation never goes out, while the bystander's does
    expect(bed.sink.messagesTo(account.newEmail)).toEqual([]);
    expect(bed.sink.messagesTo(bystander.newEmail)).toHaveLength(1);
    expect(await bed.db.outboxMessage.findFirst({ where: { template: "account-deleted", to: account.user.email } })).toMatchObject({ status: "SENT" });
  });

  it("frees the address: it can be registered again as a new account", async () => {
    const account = await fullAccount("returner");
    expect(await deleteAccount(bed.deps, { userId: account.user.id, currentPassword: CURRENT_PASSWORD })).toEqual({ ok: true });

    await registerAccount(bed.deps, { name: "Ada again", email: account.user.email, password: "a brand new passphrase", ip: null });

    const reborn = await bed.db.user.findUniqueOrThrow({ where: { email: account.user.email } });
    expect(reborn.id).not.toBe(account.user.id);
    expect(reborn).toMatchObject({ name: "Ada again", emailVerified: null, image: null, pendingEmail: null });
    expect(await bed.db.outboxMessage.count({ where: { userId: reborn.id, template: "verify-email" } })).toBe(1);
    expect(await bed.db.outboxMessage.count({ where: { to: account.user.email, template: "account-exists" } })).toBe(0);
  });
});
