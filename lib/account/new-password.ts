// Every way a password is set (reset, change) goes through here, so every
// one of them also voids the reset links still waiting in someone's inbox.
import type { DbOrTransaction } from "@/lib/db";

export async function storeNewPassword(tx: DbOrTransaction, userId: string, passwordHash: string): Promise<void> {
  await tx.user.update({ where: { id: userId }, data: { passwordHash } });
  await tx.token.deleteMany({ where: { userId, purpose: "RESET_PASSWORD", usedAt: null } });
}
