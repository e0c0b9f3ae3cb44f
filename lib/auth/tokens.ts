// Single-purpose link tokens: 32 random bytes in the link, only their SHA-256
// in the database, bound to one user and one address, expiring, single use.
import { createHash, randomBytes } from "node:crypto";
import type { DbClient } from "@/lib/db";
import type { TokenPurpose } from "@/lib/generated/prisma/enums";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A link token is 32 random bytes in base64url; anything else is not one of ours. */
export function isLinkToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export type TokenRequest = { purpose: TokenPurpose; userId: string; email: string; ttlMs: number };

/**
 * Stores a new token's hash and returns the token; the caller puts it in a
 * link and forgets it. Earlier tokens stay valid until the new link has
 * actually been delivered (then call retireOlderTokens): a failed send must
 * not kill the link the person already has.
 */
export async function issueToken(db: DbClient, request: TokenRequest): Promise<{ id: string; token: string }> {
  const token = newToken();
  const { id } = await db.token.create({
    data: {
      tokenHash: hashToken(token),
      purpose: request.purpose,
      userId: request.userId,
      email: request.email,
      expiresAt: new Date(Date.now() + request.ttlMs),
    },
    select: { id: true },
  });
  return { id, token };
}

/** After the newest link went out: only it works from now on. */
export async function retireOlderTokens(db: DbClient, newest: { id: string; userId: string; purpose: TokenPurpose }): Promise<void> {
  await db.token.deleteMany({
    where: { userId: newest.userId, purpose: newest.purpose, usedAt: null, id: { not: newest.id } },
  });
}

/** A token whose link was never delivered. */
export async function discardToken(db: DbClient, id: string): Promise<void> {
  await db.token.deleteMany({ where: { id } });
}
