"use server";

import { deleteAccount } from "@/lib/account/delete-account";
import { appDeps } from "@/lib/account/deps";
import { formAction, refusal } from "@/lib/actions";
import { audit, outcomeOf } from "@/lib/auth/audit";
import { signOut } from "@/lib/auth/auth";
import { requireSession } from "@/lib/auth/current-user";
import { currentPasswordOnlySchema } from "@/lib/validation/account-settings";

export const deleteAccountAction = formAction(currentPasswordOnlySchema, async ({ currentPassword }) => {
  const { user } = await requireSession("/settings/delete");
  const outcome = await deleteAccount(appDeps(), { userId: user.id, currentPassword });
  // once deleted, the account has no id to file the event under: the address's hash keeps it findable
  await audit({ type: "account_deleted", outcome: outcomeOf(outcome), userId: outcome.ok ? null : user.id, email: user.email });
  if (!outcome.ok) return refusal(outcome);
  // the session row went with the account; Auth.js clears the cookie (with the attributes it was set with)
  await signOut({ redirectTo: "/account-deleted" });
  return { ok: true, data: undefined };
});
