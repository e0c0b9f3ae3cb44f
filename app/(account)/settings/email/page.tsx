import type { Metadata } from "next";
import { ButtonForm } from "@/components/form/button-form";
import { Notice } from "@/components/notice";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/current-user";
import { cancelEmailChangeAction } from "./actions";
import { ChangeEmailForm } from "./change-email-form";

export const metadata: Metadata = { title: "Change your email" };

type Props = { searchParams: Promise<{ requested?: string; cancelled?: string }> };

export default async function EmailSettingsPage({ searchParams }: Props) {
  const user = await requireUser("/settings/email");
  const { requested, cancelled } = await searchParams;
  return (
    <div className="narrow">
      <h1>Change your email</h1>
      {requested && user.pendingEmail && (
        <Notice>
          We&apos;ve sent a confirmation link to {user.pendingEmail}. Follow it within 24 hours to make the change. Until then you keep signing in with {user.email}.
        </Notice>
      )}
      {cancelled && <Notice>The change was cancelled. You keep signing in with {user.email}.</Notice>}
      <p>
        You sign in with <strong>{user.email}</strong>.
      </p>
      {user.pendingEmail && (
        <Card className="pending-change">
          <p>
            Waiting for confirmation: <strong>{user.pendingEmail}</strong>. Didn&apos;t get the link? Check the spam folder, or ask again below.
          </p>
          <ButtonForm action={cancelEmailChangeAction} label="Cancel this change" pendingText="Cancelling…" variant="secondary" />
        </Card>
      )}
      <h2>New email address</h2>
      <p>We&apos;ll send a link to the new address, and tell your current address about the request.</p>
      <ChangeEmailForm />
    </div>
  );
}
