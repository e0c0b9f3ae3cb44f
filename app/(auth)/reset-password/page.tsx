import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { inspectResetLink } from "@/lib/account/password-reset";
import { linkTokenFromCookie } from "@/lib/auth/link-token-cookie";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { ResetPasswordForm } from "./reset-password-form";

export const metadata: Metadata = { title: "Choose a new password" };

const problems = {
  expired: { heading: "This link has expired", text: "Reset links work for a short time only." },
  used: { heading: "This link was already used", text: "Each reset link works once." },
  invalid: { heading: "This link doesn't work", text: "It may be incomplete, or replaced by a newer link." },
} as const;

export default async function ResetPasswordPage() {
  // Opening the link changes nothing; proxy.ts has already moved its token into a cookie.
  const token = await linkTokenFromCookie("/reset-password");
  const state = token ? await inspectResetLink(db, token) : "invalid";

  if (state !== "valid") {
    const problem = problems[state];
    return (
      <div className="narrow">
        <h1>{problem.heading}</h1>
        <p>{problem.text} Ask for a new one and use the newest email we send.</p>
        <p>
          <ButtonLink href="/forgot-password">Send me a new link</ButtonLink>
        </p>
      </div>
    );
  }

  return (
    <div className="narrow">
      <h1>Choose a new password</h1>
      <p>After this, every device signed in to your account is signed out, and you sign in with the new password.</p>
      <ResetPasswordForm minPasswordLength={env().passwordMinLength} />
    </div>
  );
}
