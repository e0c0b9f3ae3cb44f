import type { Metadata } from "next";
import Link from "next/link";
import { Notice } from "@/components/notice";
import { ButtonLink } from "@/components/ui/button";
import { inspectConfirmationLink, type VerifyLinkProblem } from "@/lib/account/verify-email";
import { linkTokenFromCookie } from "@/lib/auth/link-token-cookie";
import { db } from "@/lib/db";
import { ResendVerificationForm } from "../_resend-verification/resend-verification-form";
import { ConfirmEmailForm } from "./confirm-email-form";

// The link's token never reaches this page's address: proxy.ts moved it into a cookie.
export const metadata: Metadata = { title: "Confirm your email" };

type Props = { searchParams: Promise<{ status?: string | string[] }> };

const outcomes: Record<Exclude<VerifyLinkProblem, "confirmed">, { heading: string; text: string }> = {
  expired: { heading: "This link has expired", text: "Confirmation links work for 24 hours. Ask for a new one below." },
  used: {
    heading: "This link was already used",
    text: "If you confirmed your address with it, you can sign in. Otherwise, ask for a new link below.",
  },
  invalid: {
    heading: "This link doesn't work",
    text: "It may be incomplete or replaced by a newer one. Use the newest link we sent, or ask for a new one below.",
  },
};

export default async function VerifyEmailPage({ searchParams }: Props) {
  const [{ status }, token] = await Promise.all([searchParams, linkTokenFromCookie("/verify-email")]);

  // A link that already confirmed its address (opened again, often on another device) says so at once:
  // the person only needs to sign in. Every other state of a link is told after the form's POST.
  const alreadyConfirmed = status === "confirmed" || (status === undefined && token !== undefined && (await inspectConfirmationLink(db, token)) === "confirmed");
  if (alreadyConfirmed) {
    return (
      <div className="narrow">
        <h1>This address is already confirmed</h1>
        <p>This link has done its job: the account is active. Sign in with its email and password.</p>
        <p>
          <ButtonLink href="/login">Sign in</ButtonLink>
        </p>
      </div>
    );
  }

  if (status === "verified") {
    return (
      <div className="narrow">
        <h1>Your email is confirmed</h1>
        <Notice>Your account is active. Any other session that was open on it has been signed out. Sign in to see your profile.</Notice>
        <p>
          <ButtonLink href="/login">Sign in</ButtonLink>
        </p>
      </div>
    );
  }

  if (status === "expired" || status === "used" || status === "invalid" || token === undefined) {
    const outcome = outcomes[status === "expired" || status === "used" ? status : "invalid"];
    return (
      <div className="narrow">
        <h1>{outcome.heading}</h1>
        <p>{outcome.text}</p>
        {status === "used" && (
          <p>
            <Link href="/login">Sign in</Link>
          </p>
        )}
        <h2>Get a new link</h2>
        <ResendVerificationForm />
      </div>
    );
  }

  // Opening the link changes nothing (mail scanners open links too): the person confirms with a POST,
  // and with the account's password, so that a link alone gives nobody an account they did not create.
  return (
    <div className="narrow">
      <h1>Confirm your email</h1>
      <p>Type your account&apos;s password to confirm your address, activate your account and sign in.</p>
      <ConfirmEmailForm />
      <p>
        Forgotten the password, or did someone else create this account with your address? <Link href="/forgot-password">Set a new password</Link> instead: that confirms your
        address too.
      </p>
    </div>
  );
}
