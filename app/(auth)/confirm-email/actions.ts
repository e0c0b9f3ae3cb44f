"use server";
import { redirect } from "next/navigation";
import { confirmEmailChange } from "@/lib/account/change-email";
import { formAction } from "@/lib/actions";
import { db } from "@/lib/db";
import { linkTokenSchema } from "@/lib/validation/sign-in";

export const confirmEmailChangeAction = formAction(linkTokenSchema.catch({ token: "" }), async ({ token }) => {
  const outcome = token ? await confirmEmailChange(db, token) : "invalid";
  // the result page carries no token, so it cannot leak from the address bar
  redirect(`/confirm-email?status=${outcome}`);
});
