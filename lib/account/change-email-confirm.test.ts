// Following the confirmation link of an email change, on both databases,
// with tokens read from mail the real worker delivered: the pending address
// becomes the sign-in email once, and only while the request still stands.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { newToken } from "@/lib/auth/tokens";
import { useAccountTestBed } from "@/test/account-test-bed";
import { DB_KINDS } from "@/test/databases";
import { CURRENT_PASSWORD, signedInUser, uniqueEmail } from "@/test/signed-in-user";
import { confirmEmailChange, requestEmailChange } from "./change-email";
import { inspectResetLink, requestPasswordReset } from "./password-reset";
import { registerAccount } from "./register";

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
const CONFIRM_LINK = /\/confirm-email\?token=([^\s"&<]+)/;
const RESET_LINK = /\/reset-password\?token=([^\s"&<]+)/;

describe.each(DB_KINDS)("confirmEmailChange on %s", (kind) => {
  const bed = useAccountTestBed(kind, { mail: true });
  /** What following a confirmation link ends in (whose link it was has its own test). */
  const followLink = async (token: string) => (await confirmEmailChange(bed.db, token)).result;

  const userRow = (id: string) => bed.db.user.findUniqueOrThrow({ where: { id } });
  const tokenRow = (token: string) => bed.db.token.findUnique({ where: { tokenHash: sha256(token) } });
  const changedNotices = () => bed.db.outboxMessage.findMany({ where: { template: "email-changed" } });

  /** Delivers the outbox and returns the token in the newest mail to the address whose text matches the link pattern. */
  async function deliverAndReadLink(email: string, link = CONFIRM_LINK): Promise<string> {
    await bed.deliverAll();
    const token = link.exec(
      bed.sink
        .messagesTo(email)
        .filter((m) => link.test(m.text))
        .at(-1)?.text ?? "",
    )?.[1];
    if (!token) throw new Error(`no ${link.source} link in the mail to ${email}`);
    return token;
  }

  /** A signed-in account with a pending change to a fresh address, and the token from the confirmation mail. */
  async function pendingChange(label: string) {
    const account = await signedInUser(bed.deps, label);
    const newEmail = uniqueEmail(`${label}-new`);
    expect(await requestEmailChange(bed.deps, { userId: account.user.id, newEmail, currentPassword: CURRENT_PASSWORD })).toEqual({ ok: true });
    return { ...account, newEmail, token: await deliverAndReadLink(newEmail) };
  }

  it("switches the address, marks it verified, voids every other link and tells both addresses", async () => {
    const change = await pendingChange("switch");
    const { user, newEmail, token } = change;
    // an unverified account, and a reset link sent to the old address before the change
    await bed.db.user.update({ where: { id: user.id }, data: { emailVerified: null } });
    await requestPasswordReset(bed.db, { email: user.email, ip: null });
    const resetToken = await deliverAndReadLink(user.email, RESET_LINK);
    expect(await inspectResetLink(bed.db, resetToken)).toBe("valid");
    const bystander = await pendingChange("bystander");

    expect(await followLink(token)).toBe("changed");

    const after = await userRow(user.id);
    expect(after).toMatchObject({ email: newEmail, pendingEmail: null });
    expect(Date.now() - (after.emailVerified?.getTime() ?? 0)).toBeLessThan(60_000);
    expect((await tokenRow(token))?.usedAt).toBeInstanceOf(Date);
    // no unused token of the account is left: the reset link sent to the old address is dead
    expect(await bed.db.token.count({ where: { userId: user.id, usedAt: null } })).toBe(0);
    expect(await inspectResetLink(bed.db, resetToken)).toBe("invalid");
    // another person's pending change is not touched
    expect(await tokenRow(bystander.token)).toMatchObject({ usedAt: null });

    const notices = await bed.db.outboxMessage.findMany({ where: { userId: user.id, template: "email-changed" } });
    expect(notices.map((n) => n.to).sort()).toEqual([user.email, newEmail].sort());
    for (const notice of notices) expect(notice.data).toEqual({ oldEmail: user.email, newEmail });
    await bed.deliverAll();
    for (const address of [user.email, newEmail]) {
      const mail = bed.sink.messagesTo(address).find((m) => /sign-in email was changed/i.test(m.subject));
      expect(mail?.text).toContain(`now signs in as ${newEmail}`);
    }
  });

  it("works once: the same link again says used and changes nothing", async () => {
    const { user, newEmail, token } = await pendingChange("twice");
    expect(await followLink(token)).toBe("changed");
    const [before, noticesBefore] = [await userRow(user.id), (await changedNotices()).length];

    expect(await followLink(token)).toBe("used");
    expect(await userRow(user.id)).toEqual(before);
    expect(before.email).toBe(newEmail);
    expect(await changedNotices()).toHaveLength(noticesBefore);
  });

  it("lets exactly one of two concurrent confirmations change the address", async () => {
    const { user, newEmail, token } = await pendingChange("race");
    const outcomes = await Promise.all([followLink(token), followLink(token)]);

    expect(outcomes.sort()).toEqual(["changed", "used"]);
    expect(await userRow(user.id)).toMatchObject({ email: newEmail, pendingEmail: null });
    expect(await bed.db.outboxMessage.count({ where: { userId: user.id, template: "email-changed" } })).toBe(2);
  });

  it("refuses an expired link and keeps the request pending", async () => {
    const { user, newEmail, token } = await pendingChange("expired");
    await bed.db.token.update({ where: { tokenHash: sha256(token) }, data: { expiresAt: new Date(Date.now() - 1_000) } });

    expect(await followLink(token)).toBe("expired");
    expect(await userRow(user.id)).toMatchObject({ email: user.email, pendingEmail: newEmail });
    expect((await tokenRow(token))?.usedAt).toBeNull();
  });

  it("calls unknown, damaged, empty and other-purpose tokens invalid, and changes nothing", async () => {
    const { user, newEmail, token } = await pendingChange("invalid");
    const before = await userRow(user.id);
    await requestPasswordReset(bed.db, { email: user.email, ip: null });
    const resetToken = await deliverAndReadLink(user.email, RESET_LINK);

    const damaged = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    for (const wrong of [newToken(), damaged, "", resetToken]) expect(await followLink(wrong)).toBe("invalid");

    expect(await userRow(user.id)).toEqual(before);
    expect(before.pendingEmail).toBe(newEmail);
    expect(await inspectResetLink(bed.db, resetToken)).toBe("valid");
    expect(await followLink(token)).toBe("changed");
  });

  it("names whose link it was, whatever the result, for the security log", async () => {
    const { user, token } = await pendingChange("owner");
    await requestPasswordReset(bed.db, { email: user.email, ip: null });
    const resetToken = await deliverAndReadLink(user.email, RESET_LINK);

    expect(await confirmEmailChange(bed.db, newToken())).toEqual({ result: "invalid", userId: null });
    expect(await confirmEmailChange(bed.db, resetToken)).toEqual({ result: "invalid", userId: user.id });
    expect(await confirmEmailChange(bed.db, token)).toEqual({ result: "changed", userId: user.id });
    expect(await confirmEmailChange(bed.db, token)).toEqual({ result: "used", userId: user.id });
  });

  it("says taken when someone registered the address meanwhile: nothing switches and the request is dropped", async () => {
    const { user, newEmail, token } = await pendingChange("taken");
    await registerAccount(bed.deps, { name: "Mallory", email: newEmail, password: "another long passphrase", ip: null });
    const registrant = await bed.db.user.findUniqueOrThrow({ where: { email: newEmail } });

    expect(await followLink(token)).toBe("taken");

    expect(await userRow(user.id)).toMatchObject({ email: user.email, pendingEmail: null, emailVerified: user.emailVerified });
    expect(await userRow(registrant.id)).toEqual(registrant);
    expect(await bed.db.outboxMessage.count({ where: { template: "email-changed", OR: [{ userId: user.id }, { to: newEmail }] } })).toBe(0);
    // the link is spent, not left to try again
    expect((await tokenRow(token))?.usedAt).toBeInstanceOf(Date);
    expect(await followLink(token)).toBe("used");
  });

  it("gives an address two accounts asked for to the first to confirm; the other hears it is taken", async () => {
    const first = await signedInUser(bed.deps, "first-claim");
    const second = await signedInUser(bed.deps, "second-claim");
    const wanted = uniqueEmail("wanted");
    for (const { user } of [first, second]) {
      expect(await requestEmailChange(bed.deps, { userId: user.id, newEmail: wanted, currentPassword: CURRENT_PASSWORD })).toEqual({ ok: true });
    }
    await bed.deliverAll();
    // the worker may deliver the two in either order: tell the links apart by their owner
    const tokens = bed.sink.messagesTo(wanted).map((m) => CONFIRM_LINK.exec(m.text)?.[1] ?? "");
    expect(tokens).toHaveLength(2);
    const linkOf = async (userId: string) => {
      for (const token of tokens) if ((await tokenRow(token))?.userId === userId) return token;
      throw new Error(`no confirmation link for ${userId}`);
    };
    const [firstToken, secondToken] = [await linkOf(first.user.id), await linkOf(second.user.id)];

    expect(await followLink(secondToken)).toBe("changed");
    expect(await followLink(firstToken)).toBe("taken");
    expect(await userRow(second.user.id)).toMatchObject({ email: wanted, pendingEmail: null });
    expect(await userRow(first.user.id)).toMatchObject({ email: first.user.email, pendingEmail: null });
  });
});
