"use server";

import { redirect } from "next/navigation";
import { cancelEmailChange, requestEmailChange } from "@/lib/account/change-email";
import { appDeps } from "@/lib/account/deps";
import { buttonAction, formAction, refusal } from "@/lib/actions";
import { audit, outcomeOf } from "@/lib/auth/audit";
import { requireSession } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { changeEmailSchema } from "@/lib/validation/account-settings";

const EMAIL_PAGE = "/settings/email";

export const changeEmailAction = formAction(
  changeEmailSchema,
  async ({ newEmail, currentPassword }) => {
    const { user } = await requireSession(EMAIL_PAGE);
    const outcome = await requestEmailChange(appDeps(), { userId: user.id, newEmail, currentPassword });
    await audit({ type: "email_change_requested", outcome: outcomeOf(outcome), userId: user.id });
    if (!outcome.ok) return refusal(outcome);
    redirect(`${EMAIL_PAGE}?requested=1`);
  },
  { keep: ["newEmail"] },
);

export const cancelEmailChangeAction = buttonAction(async () => {
  const { user } = await requireSession(EMAIL_PAGE);
  await cancelEmailChange(db, user.id);
  await audit({ type: "email_change_cancelled", outcome: "success", userId: user.id });
  redirect(`${EMAIL_PAGE}?cancelled=1`);
});
