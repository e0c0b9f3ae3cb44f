"use client";

import { EmailField } from "@/components/form/email-field";
import { FormAlert } from "@/components/form/form-alert";
import { SubmitButton } from "@/components/form/submit-button";
import { useActionForm } from "@/components/form/use-action-form";
import { resendVerificationAction } from "./actions";

/** Asks for a new confirmation link. The answer is the same for every address. */
export function ResendVerificationForm({ email }: { email?: string }) {
  const { form, alert, formProps, pending, errorFor, valueOf } = useActionForm(
    resendVerificationAction,
    () => import("@/lib/validation/sign-in").then((schemas) => schemas.resendVerificationSchema),
    { ids: { email: "resend-email" } },
  );
  return (
    <form {...formProps} aria-label="Send a new confirmation link">
      <FormAlert {...alert} />
      <EmailField id="resend-email" defaultValue={valueOf("email") ?? email} error={errorFor("email")} {...form.register("email")} />
      <SubmitButton pending={pending} pendingText="Sending…">
        Send a new link
      </SubmitButton>
    </form>
  );
}
