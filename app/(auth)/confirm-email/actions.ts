"use server";
import { redirect } from "next/navigation";
import { confirmEmailChange } from "@/lib/account/change-email";
import { buttonAction } from "@/lib/actions";
import { audit } from "@/lib/auth/audit";
import { linkOwner } from "@/lib/auth/tokens";
import { db } from "@/lib/db";
import { forgetLinkToken, linkTokenFromCookie } from "../link-token";

export const confirmEmailChangeAction = buttonAction(async () => {
  const token = await linkTokenFromCookie("/confirm-email");
  await forgetLinkToken("/confirm-email");
  // no link of ours came with it: nothing was tried, so there is nothing to record
  if (!token) redirect("/confirm-email?status=invalid");
  const userId = await linkOwner(db, token);
  const outcome = await confirmEmailChange(db, token);
  await audit({ type: "email_changed", outcome: outcome === "changed" ? "success" : "failure", userId, detail: { result: outcome } });
  // the result page carries no token, so it cannot leak from the address bar
  redirect(`/confirm-email?status=${outcome}`);
});
