// Deleting an account for good, once the password is proved again: the user
// row goes, and with it (by cascade) its sessions, tokens and avatar. Mail
// still waiting for it is dropped; a goodbye goes to the address.
import { queueEmail } from "@/lib/mail";
import { checkCurrentPassword } from "./current-password";
import type { AccountDeps } from "./deps";

export type DeleteAccountOutcome = { ok: true } | { ok: false; field?: "currentPassword"; error: string };

export async function deleteAccount(deps: AccountDeps, input: { userId: string; currentPassword: string }): Promise<DeleteAccountOutcome> {
  const check = await checkCurrentPassword(deps, input.userId, input.currentPassword);
  if (!check.ok) return check;
  const { user } = check;
  await deps.db.$transaction(async (tx) => {
    await tx.outboxMessage.deleteMany({ where: { userId: user.id, status: "PENDING" } });
    await tx.user.delete({ where: { id: user.id } });
    // no userId: the goodbye must outlive the account it talks about
    await queueEmail(tx, "account-deleted", { to: user.email, data: { name: user.name ?? "" } });
  });
  return { ok: true };
}
