"use client";
import { EmailField } from "@/components/form/email-field";
import { FormAlert } from "@/components/form/form-alert";
import { SubmitButton } from "@/components/form/submit-button";
import { useActionForm } from "@/components/form/use-action-form";
import { forgotPasswordSchema } from "@/lib/validation/password-reset";
import { requestReset } from "../reset-actions";

export function ForgotPasswordForm() {
  const { form, alert, formAction, pending, onSubmit, errorFor, valueOf } = useActionForm(requestReset, forgotPasswordSchema);
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate>
      <FormAlert {...alert} />
      <EmailField defaultValue={valueOf("email")} error={errorFor("email")} {...form.register("email")} />
      <SubmitButton pending={pending} pendingText="Sending…">
        Send me a reset link
      </SubmitButton>
    </form>
  );
}
