// The button on a page that an emailed link opens (a POST, so opening the
// link alone changes nothing): spend the token the link left in a cookie,
// record the outcome, and show it on the same page. The result page carries
// no token, so it cannot leak from the address bar. (The confirmation link's
// page asks for the account's password too: verify-email/actions.ts.)
import { redirect } from "next/navigation";
import { buttonAction, type FormAction } from "@/lib/actions";
import { audit } from "@/lib/auth/audit";
import { linkOwner } from "@/lib/auth/tokens";
import { db, type DbClient } from "@/lib/db";
import type { SecurityEventType } from "@/lib/security-events";
import { forgetLinkToken, linkTokenFromCookie } from "./link-token";
import type { LinkPage } from "./link-pages";

type LinkConfirmation<Outcome extends string> = {
  page: LinkPage;
  confirm: (db: DbClient, token: string) => Promise<Outcome>;
  event: SecurityEventType;
  /** the outcome recorded as a success; every other one is a failure */
  success: Outcome;
};

export function linkConfirmAction<Outcome extends string>({ page, confirm, event, success }: LinkConfirmation<Outcome>): FormAction {
  return buttonAction(async () => {
    const token = await linkTokenFromCookie(page);
    await forgetLinkToken(page);
    // no link of ours came with it: nothing was tried, so there is nothing to record
    if (!token) redirect(`${page}?status=invalid`);
    const userId = await linkOwner(db, token);
    const outcome = await confirm(db, token);
    await audit({ type: event, outcome: outcome === success ? "success" : "failure", userId, detail: { result: outcome } });
    redirect(`${page}?status=${outcome}`);
  });
}
