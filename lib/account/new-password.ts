// Every way a password is set (reset, change) goes through here, so every
// one of them also voids the reset links still waiting in someone's inbox.
import type { DbOrTransaction } from "@/lib/db";

/**
 * Stores a new password hash. With `replacing`, only while the stored hash is
 * still that one: of two changes made at once, the second finds the first's
 * hash and stores nothing. Returns whether it stored the hash.
 */
export async function storeNewPassword(tx: DbOrTransaction, userId: string, passwordHash: string, replacing?: string): Promise<boolean> {
  const stored = await tx.user.updateMany({ where: { id: userId, ...(replacing ? { passwordHash: replacing } : {}) }, data: { passwordHash } });
  if (stored.count !== 1) return false;
  await tx.token.deleteMany({ where: { userId, purpose: "RESET_PASSWORD", usedAt: null } });
  return true;
}
