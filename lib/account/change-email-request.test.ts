// Asking to change the sign-in email, on both databases, with the real mail
// worker and SMTP sink: the new address only becomes pending, a link goes to
// it (or a notice, when it belongs to another account), and the current
// address always hears of the request.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { limitKey } from "@/lib/auth/rate-limit";
import { TEST_APP_URL } from "@/test/account-deps";
import { useAccountTestBed } from "@/test/account-test-bed";
import { DB_KINDS } from "@/test/databases";
import { CURRENT_PASSWORD, signedInUser, uniqueEmail } from "@/test/signed-in-user";
import { cancelEmailChange, confirmEmailChange, EMAIL_CHANGE_REQUESTS, requestEmailChange } from "./change-email";
import { PASSWORD_CHECK_ATTEMPTS } from "./current-password";
import { ACCOUNT_EXISTS_NOTICE } from "./register";

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");
const LINK = /\/confirm-email\?token=([^\s"&<]+)/;
const TOKEN_LIKE = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g;
const WRONG = "not my password at all";

describe.each(DB_KINDS)("requestEmailChange on %s", (kind) => {
  const bed = useAccountTestBed(kind, { mail: true });
  /** What following a confirmation link ends in (whose link it was has its own test). */
  const followLink = async (token: string) => (await confirmEmailChange(bed.db, token)).result;

  const request = (userId: string, newEmail: string, currentPassword = CURRENT_PASSWORD) => requestEmailChange(bed.deps, { userId, newEmail, currentPassword });
  const userRow = (id: string) => bed.db.user.findUniqueOrThrow({ where: { id } });
  const templatesTo = async (to: string) => (await bed.db.outboxMessage.findMany({ where: { to }, orderBy: { createdAt: "asc" } })).map((row) => row.template);

  /** Delivers the outbox and returns the token of the newest confirmation link sent to the address. */
  async function deliverAndReadLink(email: string): Promise<string> {
    await bed.deliverAll();
    const token = LINK.exec(
      bed.sink
        .messagesTo(email)
        .filter((m) => LINK.test(m.text))
        .at(-1)?.text ?? "",
    )?.[1];
    if (!token) throw new Error(`no confirmation link in the mail to ${email}`);
    return token;
  }

  /** Asserts that the request left no trace: same user row, nothing queued. */
  async function expectNothingRequested(userId: string, before: Awaited<ReturnType<typeof userRow>>, newEmail: string) {
    expect(await userRow(userId)).toEqual(before);
    expect(await bed.db.outboxMessage.count({ where: { OR: [{ userId }, { to: newEmail }] } })).toBe(0);
  }

  it("keeps the sign-in email, stores the new one as pending, links the new address and tells the old one", async () => {
    // a name written to pass for a message from us: the new address is not proven, so it never sees it
    const { user } = await signedInUser(bed.deps, "mover", { name: "Security alert. Call +1 555 0100" });
    const newEmail = uniqueEmail("moved-to");

    expect(await request(user.id, newEmail)).toEqual({ ok: true });

    expect(await userRow(user.id)).toMatchObject({ email: user.email, pendingEmail: newEmail, emailVerified: user.emailVerified });
    const queued = await bed.db.outboxMessage.findMany({ where: { userId: user.id }, orderBy: { template: "asc" } });
    expect(queued.map(({ template, to, data }) => ({ template, to, data }))).toEqual([
      { template: "confirm-email-change", to: newEmail, data: {} },
      { template: "email-change-requested", to: user.email, data: { newEmail } },
    ]);
    // the link is made at send time, not before
    expect(await bed.db.token.count({ where: { userId: user.id } })).toBe(0);

    const token = await deliverAndReadLink(newEmail);
    const [confirmation] = bed.sink.messagesTo(newEmail);
    expect(confirmation?.text).toContain(`${TEST_APP_URL}/confirm-email?token=${token}`);
    for (const part of [confirmation?.subject, confirmation?.text, confirmation?.html]) expect(part).not.toContain("Security alert");
    expect(confirmation?.html).toContain(`href="${TEST_APP_URL}/confirm-email?token=${token}"`);
    const stored = await bed.db.token.findUniqueOrThrow({ where: { tokenHash: sha256(token) } });
    expect(stored).toMatchObject({ purpose: "CHANGE_EMAIL", userId: user.id, email: newEmail, usedAt: null });
    const ttl = stored.expiresAt.getTime() - Date.now();
    expect(ttl).toBeGreaterThan(23.9 * 3_600_000);
    expect(ttl).toBeLessThanOrEqual(24 * 3_600_000);

    // the old address learns of the request, but gets no link that could confirm it
    const notices = bed.sink.messagesTo(user.email);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.subject).toMatch(/change of your .* email address was requested/i);
    expect(notices[0]?.text).toContain(newEmail);
    expect(`${notices[0]?.text}\n${notices[0]?.html}`.match(TOKEN_LIKE)).toBeNull();
  });

  it("refuses a wrong current password and changes nothing", async () => {
    const { user } = await signedInUser(bed.deps, "wrong-password");
    const before = await userRow(user.id);
    const newEmail = uniqueEmail("never");

    expect(await request(user.id, newEmail, WRONG)).toEqual({ ok: false, field: "currentPassword", error: "That isn't your current password." });
    await expectNothingRequested(user.id, before, newEmail);
  });

  it("refuses the address the account already signs in with", async () => {
    const { user } = await signedInUser(bed.deps, "same");
    const before = await userRow(user.id);

    expect(await request(user.id, user.email)).toEqual({ ok: false, field: "newEmail", error: "That is already your sign-in email." });
    await expectNothingRequested(user.id, before, user.email);
  });

  it("answers the same for another account's address, which gets a notice and no link", async () => {
    const { user } = await signedInUser(bed.deps, "requester");
    const owner = await signedInUser(bed.deps, "owner");

    expect(await request(user.id, owner.user.email)).toEqual({ ok: true });

    expect(await userRow(user.id)).toMatchObject({ email: user.email, pendingEmail: owner.user.email });
    expect(await templatesTo(owner.user.email)).toEqual(["email-in-use"]);
    expect(await bed.db.outboxMessage.findFirst({ where: { to: owner.user.email } })).toMatchObject({ userId: owner.user.id, data: {} });
    expect(await templatesTo(user.email)).toEqual(["email-change-requested"]);

    await bed.deliverAll();
    const [notice] = bed.sink.messagesTo(owner.user.email);
    expect(notice?.subject).toMatch(/someone tried to use your address/i);
    expect(`${notice?.text}\n${notice?.html}`.match(TOKEN_LIKE)).toBeNull();
    expect(await bed.db.token.count({ where: { userId: { in: [user.id, owner.user.id] } } })).toBe(0);
    // the owner's account is untouched
    expect(await userRow(owner.user.id)).toMatchObject({ email: owner.user.email, pendingEmail: null });
  });

  it("sends another account's address at most one notice per 15 minutes, as registration does", async () => {
    const [first, second] = [await signedInUser(bed.deps, "first"), await signedInUser(bed.deps, "second")];
    const owner = await signedInUser(bed.deps, "popular");

    expect(await request(first.user.id, owner.user.email)).toEqual({ ok: true });
    expect(await request(first.user.id, owner.user.email)).toEqual({ ok: true });
    expect(await request(second.user.id, owner.user.email)).toEqual({ ok: true });

    expect(await templatesTo(owner.user.email)).toEqual(["email-in-use"]);
    // each requester's own address still hears of every request
    expect(await templatesTo(first.user.email)).toEqual(["email-change-requested", "email-change-requested"]);
    expect(await templatesTo(second.user.email)).toEqual(["email-change-requested"]);

    // time travel: once the window has passed, the address is told again
    const key = limitKey(ACCOUNT_EXISTS_NOTICE, owner.user.email);
    await bed.db.rateLimit.update({ where: { key }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    expect(await request(second.user.id, owner.user.email)).toEqual({ ok: true });
    expect(await templatesTo(owner.user.email)).toEqual(["email-in-use", "email-in-use"]);
  });

  it("allows three requests an hour per account; the fourth queues nothing and keeps the third pending", async () => {
    expect(EMAIL_CHANGE_REQUESTS).toMatchObject({ max: 3, windowMs: 60 * 60_000 });
    const { user } = await signedInUser(bed.deps, "eager");
    const addresses = [uniqueEmail("try"), uniqueEmail("try"), uniqueEmail("try"), uniqueEmail("try")];
    for (const address of addresses.slice(0, 3)) expect(await request(user.id, address)).toEqual({ ok: true });

    const fourth = await request(user.id, addresses[3] ?? "");
    expect(fourth).toMatchObject({ ok: false });
    expect(fourth.ok ? "" : fourth.error).toMatch(/^You've asked for several changes already\. Try again in \d+ minutes?\.$/);
    expect(fourth.ok ? undefined : fourth.field).toBeUndefined();
    expect(await userRow(user.id)).toMatchObject({ pendingEmail: addresses[2] });
    expect(await bed.db.outboxMessage.count({ where: { to: addresses[3] } })).toBe(0);
    expect(await templatesTo(user.email)).toHaveLength(3);

    // the limit is per account
    const other = await signedInUser(bed.deps, "patient");
    expect(await request(other.user.id, uniqueEmail("fine"))).toEqual({ ok: true });
  });

  it("forgets earlier wrong guesses once a request goes through", async () => {
    const { user } = await signedInUser(bed.deps, "forgiven");
    const key = limitKey(PASSWORD_CHECK_ATTEMPTS, user.id);
    for (let i = 0; i < 3; i++) await request(user.id, uniqueEmail("guess"), WRONG);
    expect(await bed.db.rateLimit.findUnique({ where: { key } })).toMatchObject({ count: 3 });

    expect(await request(user.id, uniqueEmail("right"))).toEqual({ ok: true });
    expect(await bed.db.rateLimit.findUnique({ where: { key } })).toBeNull();
  });

  it("makes the link of an earlier request stop working when a new one is made", async () => {
    const { user } = await signedInUser(bed.deps, "changed-mind");
    const [firstAddress, secondAddress] = [uniqueEmail("first-choice"), uniqueEmail("second-choice")];
    await request(user.id, firstAddress);
    const firstToken = await deliverAndReadLink(firstAddress);

    await request(user.id, secondAddress);
    expect(await bed.db.token.findUnique({ where: { tokenHash: sha256(firstToken) } })).toBeNull();
    const secondToken = await deliverAndReadLink(secondAddress);

    expect(await followLink(firstToken)).toBe("invalid");
    expect(await userRow(user.id)).toMatchObject({ email: user.email, pendingEmail: secondAddress });
    expect(await followLink(secondToken)).toBe("changed");
    expect(await userRow(user.id)).toMatchObject({ email: secondAddress, pendingEmail: null });
  });

  describe("cancelEmailChange", () => {
    it("forgets the pending address, kills its link, and leaves other accounts alone", async () => {
      const { user } = await signedInUser(bed.deps, "canceller");
      const other = await signedInUser(bed.deps, "other-pending");
      const [address, otherAddress] = [uniqueEmail("cancelled"), uniqueEmail("kept")];
      await request(user.id, address);
      await request(other.user.id, otherAddress);
      const token = await deliverAndReadLink(address);
      const otherToken = await deliverAndReadLink(otherAddress);

      await cancelEmailChange(bed.db, user.id);

      expect(await userRow(user.id)).toMatchObject({ email: user.email, pendingEmail: null });
      expect(await bed.db.token.findUnique({ where: { tokenHash: sha256(token) } })).toBeNull();
      expect(await followLink(token)).toBe("invalid");
      expect(await userRow(user.id)).toMatchObject({ email: user.email, pendingEmail: null });

      expect(await userRow(other.user.id)).toMatchObject({ pendingEmail: otherAddress });
      expect(await followLink(otherToken)).toBe("changed");
    });

    it("makes a link delivered after the cancel useless too", async () => {
      const { user } = await signedInUser(bed.deps, "late-mail");
      const address = uniqueEmail("late");
      await request(user.id, address);
      // cancelled while the confirmation is still waiting in the outbox
      await cancelEmailChange(bed.db, user.id);
      const token = await deliverAndReadLink(address);

      expect(await followLink(token)).toBe("invalid");
      expect(await userRow(user.id)).toMatchObject({ email: user.email, pendingEmail: null });
    });
  });
});
