// The one rule for an emailed link's token, whatever the link is for: it
// exists and was made for this purpose, it has not been used, it has not
// expired, and the account still has the address the link was sent to.
// Reading changes nothing (opening a link must not spend it); claiming is
// one conditional update that re-checks all of it, so of two claims at once
// exactly one wins. A spent token stays, marked used, so a page can still
// tell a used link from one that never worked.
import type { DbOrTransaction } from "@/lib/db";
import type { TokenPurpose } from "@/lib/generated/prisma/enums";
import { hashToken, isLinkToken } from "./tokens";

export type LinkTokenProblem = "expired" | "used" | "invalid";

/** A stored token, with the account as it is now. */
export type LinkToken = {
  id: string;
  purpose: TokenPurpose;
  userId: string;
  /** the address the link was sent to */
  email: string;
  usedAt: Date | null;
  user: { email: string; pendingEmail: string | null; emailVerified: Date | null; name: string | null };
};

/** `link` is whatever was found under the token, even when it is refused (for the security log, and for pages that say more). */
export type LinkTokenRead = { ok: true; link: LinkToken } | { ok: false; reason: LinkTokenProblem; link: LinkToken | null };

/**
 * The address of the account a link must still match: its sign-in address,
 * or, for an email change, the address waiting to replace it.
 */
function addressNow(purpose: TokenPurpose, user: LinkToken["user"]): string | null {
  return purpose === "CHANGE_EMAIL" ? user.pendingEmail : user.email;
}

export async function readLinkToken(db: DbOrTransaction, token: string, purpose: TokenPurpose, now = new Date()): Promise<LinkTokenRead> {
  // not one of ours: no need to ask the database
  if (!isLinkToken(token)) return { ok: false, reason: "invalid", link: null };
  const link = await db.token.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      purpose: true,
      userId: true,
      email: true,
      usedAt: true,
      expiresAt: true,
      user: { select: { email: true, pendingEmail: true, emailVerified: true, name: true } },
    },
  });
  if (!link) return { ok: false, reason: "invalid", link: null };
  const { expiresAt, ...found } = link;
  if (link.purpose !== purpose) return { ok: false, reason: "invalid", link: found };
  if (link.usedAt) return { ok: false, reason: "used", link: found };
  if (expiresAt <= now) return { ok: false, reason: "expired", link: found };
  // a link sent to an address the account no longer has (or no longer wants) is void
  if (addressNow(purpose, link.user) !== link.email) return { ok: false, reason: "invalid", link: found };
  return { ok: true, link: found };
}

/**
 * Spends a token that readLinkToken accepted, if it still may be spent: the
 * update's conditions repeat every check, so a claim racing another, or one
 * made after the account's address changed, changes nothing. Run it inside
 * the transaction that does what the link is for, so both happen or neither.
 */
export async function claimLinkToken(tx: DbOrTransaction, link: Pick<LinkToken, "id" | "purpose" | "email">, now = new Date()): Promise<boolean> {
  const sameAddress = link.purpose === "CHANGE_EMAIL" ? { pendingEmail: link.email } : { email: link.email };
  const claimed = await tx.token.updateMany({
    where: { id: link.id, purpose: link.purpose, usedAt: null, expiresAt: { gt: now }, user: { is: sameAddress } },
    data: { usedAt: now },
  });
  return claimed.count === 1;
}
