// The emailed-link rule on both databases: single use (two claims at once,
// exactly one wins), expiry, purpose, and the address the link was sent to.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TokenPurpose } from "@/lib/generated/prisma/enums";
import { DB_KINDS } from "@/test/databases";
import { openTestDb, type TestDb } from "@/test/db";
import { claimLinkToken, readLinkToken, type LinkToken } from "./link-token";
import { hashToken, issueToken, newToken } from "./tokens";

const HOUR = 3_600_000;

describe.each(DB_KINDS)("link tokens on %s", (kind) => {
  let testDb: TestDb;
  beforeAll(async () => {
    testDb = await openTestDb(kind);
  });
  afterAll(() => testDb.close());

  let serial = 0;
  const newEmail = (label: string) => `${label}-${++serial}@example.test`;

  /** An account and a link of `purpose` sent to its address (for an email change: to the address it asked for). */
  async function linkFor(purpose: TokenPurpose, ttlMs = HOUR) {
    const email = newEmail(purpose.toLowerCase());
    const pendingEmail = purpose === "CHANGE_EMAIL" ? newEmail("wanted") : null;
    const user = await testDb.db.user.create({ data: { email, pendingEmail }, select: { id: true } });
    const { token } = await issueToken(testDb.db, { purpose, userId: user.id, email: pendingEmail ?? email, ttlMs });
    return { userId: user.id, email, pendingEmail, token };
  }

  async function accepted(token: string, purpose: TokenPurpose): Promise<LinkToken> {
    const read = await readLinkToken(testDb.db, token, purpose);
    if (!read.ok) throw new Error(`the link was refused as ${read.reason}`);
    return read.link;
  }

  const reasonOf = async (token: string, purpose: TokenPurpose) => {
    const read = await readLinkToken(testDb.db, token, purpose);
    return read.ok ? "valid" : read.reason;
  };
  const usedAtOf = async (token: string) => (await testDb.db.token.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } })).usedAt;

  describe("reading", () => {
    it("accepts a fresh link, says whose it is, and changes nothing by looking", async () => {
      const { userId, email, token } = await linkFor("VERIFY_EMAIL");
      const before = await testDb.db.token.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });

      for (let i = 0; i < 3; i++) {
        expect(await readLinkToken(testDb.db, token, "VERIFY_EMAIL")).toMatchObject({ ok: true, link: { userId, email, usedAt: null, user: { email } } });
      }
      expect(await testDb.db.token.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } })).toEqual(before);
    });

    it("calls unknown, damaged and malformed tokens invalid, with no link", async () => {
      const { token } = await linkFor("VERIFY_EMAIL");
      const damaged = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
      for (const wrong of [newToken(), damaged, "", "not a token", `${token}A`]) {
        expect(await readLinkToken(testDb.db, wrong, "VERIFY_EMAIL")).toEqual({ ok: false, reason: "invalid", link: null });
      }
    });
  });

  describe("purpose", () => {
    it("refuses a link made for another purpose, though it names its owner", async () => {
      const { userId, token } = await linkFor("RESET_PASSWORD");
      for (const other of ["VERIFY_EMAIL", "CHANGE_EMAIL"] as const) {
        expect(await readLinkToken(testDb.db, token, other)).toMatchObject({ ok: false, reason: "invalid", link: { userId } });
      }
      expect(await reasonOf(token, "RESET_PASSWORD")).toBe("valid");
    });
  });

  describe("single use", () => {
    it("is claimed once; then it reads as used, stays stored, and cannot be claimed again", async () => {
      const { token } = await linkFor("RESET_PASSWORD");
      const link = await accepted(token, "RESET_PASSWORD");

      expect(await claimLinkToken(testDb.db, link)).toBe(true);
      const usedAt = await usedAtOf(token);
      expect(usedAt).toBeInstanceOf(Date);
      expect(await readLinkToken(testDb.db, token, "RESET_PASSWORD")).toMatchObject({ ok: false, reason: "used", link: { usedAt } });

      expect(await claimLinkToken(testDb.db, link)).toBe(false);
      expect(await claimLinkToken(testDb.db, link, new Date(Date.now() + 60_000))).toBe(false);
      expect(await usedAtOf(token)).toEqual(usedAt);
    });

    it("lets exactly one of two claims made at once win, each in its own transaction", async () => {
      for (let round = 0; round < 5; round++) {
        const { token } = await linkFor("VERIFY_EMAIL");
        // both read the link before either claims, as two posts of one form do
        const [first, second] = await Promise.all([accepted(token, "VERIFY_EMAIL"), accepted(token, "VERIFY_EMAIL")]);
        const claims = await Promise.all([first, second].map((link) => testDb.db.$transaction((tx) => claimLinkToken(tx, link))));
        expect(claims.filter(Boolean)).toHaveLength(1);
        expect(await reasonOf(token, "VERIFY_EMAIL")).toBe("used");
      }
    });

    it("is not spent by a transaction that rolls back", async () => {
      const { token } = await linkFor("CHANGE_EMAIL");
      const link = await accepted(token, "CHANGE_EMAIL");
      await expect(
        testDb.db.$transaction(async (tx) => {
          expect(await claimLinkToken(tx, link)).toBe(true);
          throw new Error("what the link is for failed");
        }),
      ).rejects.toThrow("what the link is for failed");
      expect(await usedAtOf(token)).toBeNull();
      expect(await claimLinkToken(testDb.db, link)).toBe(true);
    });
  });

  describe("expiry", () => {
    it("refuses an expired link, and a claim made after it expired", async () => {
      const { token } = await linkFor("VERIFY_EMAIL", 60_000);
      const link = await accepted(token, "VERIFY_EMAIL");
      const later = new Date(Date.now() + 2 * 60_000);

      expect(await readLinkToken(testDb.db, token, "VERIFY_EMAIL", later)).toMatchObject({ ok: false, reason: "expired", link: { id: link.id } });
      expect(await claimLinkToken(testDb.db, link, later)).toBe(false);
      expect(await usedAtOf(token)).toBeNull();
    });

    it("accepts a link until its last millisecond, and not at its expiry", async () => {
      const { token } = await linkFor("RESET_PASSWORD");
      const link = await accepted(token, "RESET_PASSWORD");
      const { expiresAt } = await testDb.db.token.findUniqueOrThrow({ where: { id: link.id } });

      expect(await reasonOf(token, "RESET_PASSWORD")).toBe("valid");
      expect((await readLinkToken(testDb.db, token, "RESET_PASSWORD", expiresAt)).ok).toBe(false);
      expect(await claimLinkToken(testDb.db, link, expiresAt)).toBe(false);
      expect(await claimLinkToken(testDb.db, link, new Date(expiresAt.getTime() - 1))).toBe(true);
    });

    it("says used rather than expired for a link that was used before it expired", async () => {
      const { token } = await linkFor("VERIFY_EMAIL", 60_000);
      expect(await claimLinkToken(testDb.db, await accepted(token, "VERIFY_EMAIL"))).toBe(true);
      const later = new Date(Date.now() + 2 * 60_000);
      expect(await readLinkToken(testDb.db, token, "VERIFY_EMAIL", later)).toMatchObject({ ok: false, reason: "used" });
    });
  });

  describe("the address the link was sent to", () => {
    it.each(["VERIFY_EMAIL", "RESET_PASSWORD"] as const)("voids a %s link once the account's address is another", async (purpose) => {
      const { userId, email, token } = await linkFor(purpose);
      const link = await accepted(token, purpose);

      await testDb.db.user.update({ where: { id: userId }, data: { email: newEmail("moved") } });
      expect(await reasonOf(token, purpose)).toBe("invalid");
      // read before the move, claimed after it: the claim re-checks
      expect(await claimLinkToken(testDb.db, link)).toBe(false);
      expect(await usedAtOf(token)).toBeNull();

      // the address back: the link is the account's again
      await testDb.db.user.update({ where: { id: userId }, data: { email } });
      expect(await claimLinkToken(testDb.db, link)).toBe(true);
    });

    it("voids an email change's link once the change it was sent for is dropped or replaced", async () => {
      const { userId, pendingEmail, token } = await linkFor("CHANGE_EMAIL");
      const link = await accepted(token, "CHANGE_EMAIL");
      expect(link.email).toBe(pendingEmail);

      for (const waiting of [null, newEmail("replaced")]) {
        await testDb.db.user.update({ where: { id: userId }, data: { pendingEmail: waiting } });
        expect(await reasonOf(token, "CHANGE_EMAIL")).toBe("invalid");
        expect(await claimLinkToken(testDb.db, link)).toBe(false);
      }
      expect(await usedAtOf(token)).toBeNull();
    });
  });
});
