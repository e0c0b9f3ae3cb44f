import type { Metadata } from "next";
import { Notice } from "@/components/notice";
import { ResendVerificationForm } from "../../_resend-verification/resend-verification-form";
import { registeredEmail } from "../../registered-email";

export const metadata: Metadata = { title: "Check your inbox" };

type Props = { searchParams: Promise<{ resent?: string }> };

export default async function CheckEmailPage({ searchParams }: Props) {
  const [{ resent }, email] = await Promise.all([searchParams, registeredEmail()]);
  return (
    <div className="narrow">
      <h1>Check your inbox</h1>
      <Notice>
        {resent ? "If that address has an account waiting to be confirmed, we've sent it a new link" : "We've sent a link"}
        {email ? (
          <>
            {" "}
            to <strong>{email}</strong>
          </>
        ) : null}
        . Open it to confirm your address, then sign in. The link works once and expires in 24 hours.
      </Notice>
      <h2>No email?</h2>
      <p>Check your spam folder. Still nothing after a few minutes? Ask for a new link; it replaces the old one.</p>
      <ResendVerificationForm email={email} />
    </div>
  );
}
