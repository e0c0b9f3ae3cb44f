import type { Metadata } from "next";
import Link from "next/link";
import { Notice } from "@/components/notice";
import { ForgotPasswordForm } from "./forgot-password-form";

export const metadata: Metadata = { title: "Reset your password" };

type Props = { searchParams: Promise<{ sent?: string }> };

export default async function ForgotPasswordPage({ searchParams }: Props) {
  const { sent } = await searchParams;
  return (
    <div className="narrow">
      <h1>Reset your password</h1>
      {sent ? (
        <>
          <Notice>If that address has an account, we&apos;ve sent a link to reset its password. It works once, for a short time.</Notice>
          <p>
            No email after a few minutes? Check your spam folder, or <Link href="/forgot-password">ask again</Link>.
          </p>
        </>
      ) : (
        <>
          <p>Enter the email address of your account and we&apos;ll send you a link to choose a new password.</p>
          <ForgotPasswordForm />
        </>
      )}
      <p>
        Remembered it? <Link href="/login">Sign in</Link>
      </p>
    </div>
  );
}
