"use server";

// The button on the page a new address's confirmation link opens (a POST, so
// opening the link alone changes nothing): spend the token the link left in a
// cookie, record the outcome, and show it on the same page. The result page
// carries no token, so it cannot leak from the address bar.
import { redirect } from "next/navigation";
import { confirmEmailChange } from "@/lib/account/change-email";
import { buttonAction } from "@/lib/actions";
import { audit } from "@/lib/auth/audit";
import { forgetLinkToken, linkTokenFromCookie } from "@/lib/auth/link-token-cookie";
import { db } from "@/lib/db";

const PAGE = "/confirm-email";

export const confirmEmailChangeAction = buttonAction(async () => {
  const token = await linkTokenFromCookie(PAGE);
  await forgetLinkToken(PAGE);
  // no link of ours came with it: nothing was tried, so there is nothing to record
  if (!token) redirect(`${PAGE}?status=invalid`);
  const { result, userId } = await confirmEmailChange(db, token);
  await audit({ type: "email_changed", outcome: result === "changed" ? "success" : "failure", userId, detail: { result } });
  redirect(`${PAGE}?status=${result}`);
});
