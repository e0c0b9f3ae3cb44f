// Single-purpose link tokens: 32 random bytes in the link, only their SHA-256
// in the database, bound to one user and one address, expiring, single use.
import { createHash, randomBytes } from "node:crypto";
import type { DbClient } from "@/lib/db";
import type { TokenPurpose } from "@/lib/generated/prisma/enums";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * Issues a token and returns it; the caller puts it in a link and forgets it.
 * A new token replaces the user's earlier unused ones of the same purpose, so
 * only the newest link works.
 */
export async function issueToken(
  db: DbClient,
  request: { purpose: TokenPurpose; userId: string; email: string; ttlMs: number },
): Promise<string> {
  const token = newToken();
  await db.$transaction([
    db.token.deleteMany({ where: { userId: request.userId, purpose: request.purpose, usedAt: null } }),
    db.token.create({
      data: {
        tokenHash: hashToken(token),
        purpose: request.purpose,
        userId: request.userId,
        email: request.email,
        expiresAt: new Date(Date.now() + request.ttlMs),
      },
    }),
  ]);
  return token;
}
