"use server";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { deleteAccount } from "@/lib/account/delete-account";
import { appDeps } from "@/lib/account/deps";
import { formAction, refusal } from "@/lib/actions";
import { sessionCookieName } from "@/lib/auth/auth";
import { requireSession } from "@/lib/auth/current-user";
import { env } from "@/lib/env";
import { currentPasswordOnlySchema } from "@/lib/validation/account-settings";

export const deleteAccountAction = formAction(currentPasswordOnlySchema, async ({ currentPassword }) => {
  const { user } = await requireSession("/settings/delete");
  const outcome = await deleteAccount(appDeps(), { userId: user.id, currentPassword });
  if (!outcome.ok) return refusal(outcome);
  // the session row went with the account; the cookie goes too
  (await cookies()).delete(sessionCookieName(env().secureCookies));
  redirect("/account-deleted");
});
