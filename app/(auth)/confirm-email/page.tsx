import type { Metadata } from "next";
import Link from "next/link";
import { ButtonForm } from "@/components/form/button-form";
import type { ConfirmEmailChangeResult } from "@/lib/account/change-email";
import { linkTokenFromCookie } from "@/lib/auth/link-token-cookie";
import { isEntryOf } from "@/lib/http/query-choice";
import { confirmEmailChangeAction } from "./actions";

// The link's token never reaches this page's address: proxy.ts moved it into a cookie.
export const metadata: Metadata = { title: "Confirm your new email" };

type Props = { searchParams: Promise<{ status?: string | string[] }> };

const OUTCOMES: Record<ConfirmEmailChangeResult, { heading: string; text: string }> = {
  changed: {
    heading: "Your email was changed",
    text: "From now on you sign in with your new address. We've sent a notice to both addresses.",
  },
  taken: {
    heading: "That address is already in use",
    text: "Another account signed up with this address after you asked for the change, so your email stays as it was.",
  },
  expired: { heading: "This link has expired", text: "Confirmation links work for 24 hours. Ask for the change again in your email settings." },
  used: { heading: "This link was already used", text: "If the change went through, sign in with your new address." },
  invalid: {
    heading: "This link doesn't work",
    text: "It may be incomplete, or the change was cancelled or replaced by a newer one. Use the newest link we sent, or ask again in your email settings.",
  },
};

export default async function ConfirmEmailChangePage({ searchParams }: Props) {
  const [{ status }, token] = await Promise.all([searchParams, linkTokenFromCookie("/confirm-email")]);
  if (isEntryOf(OUTCOMES, status) || token === undefined) {
    const outcome = OUTCOMES[isEntryOf(OUTCOMES, status) ? status : "invalid"];
    return (
      <div className="narrow">
        <h1>{outcome.heading}</h1>
        <p role={status === "changed" ? "status" : undefined}>{outcome.text}</p>
        <p>
          <Link href="/settings/email">Email settings</Link>
        </p>
      </div>
    );
  }
  // Opening the link changes nothing (mail scanners open links too): the person confirms with a POST.
  return (
    <div className="narrow">
      <h1>Confirm your new email</h1>
      <p>Press the button to make this address the one you sign in with.</p>
      <ButtonForm action={confirmEmailChangeAction} label="Confirm my new email" pendingText="Confirming…" />
    </div>
  );
}
