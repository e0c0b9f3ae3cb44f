import type { Metadata } from "next";
import { Notice } from "@/components/notice";
import { requireUser } from "@/lib/auth/current-user";
import { env } from "@/lib/env";
import { ChangePasswordForm } from "./change-password-form";

export const metadata: Metadata = { title: "Change your password" };

type Props = { searchParams: Promise<{ changed?: string }> };

export default async function ChangePasswordPage({ searchParams }: Props) {
  await requireUser("/settings/password");
  const { changed } = await searchParams;
  return (
    <div className="narrow">
      <h1>Change your password</h1>
      {changed ? (
        <Notice>Your password was changed. This device stays signed in; every other device was signed out. We&apos;ve emailed you a notice.</Notice>
      ) : (
        <p>You&apos;ll stay signed in here; every other device will be signed out.</p>
      )}
      <ChangePasswordForm minPasswordLength={env().passwordMinLength} />
    </div>
  );
}
