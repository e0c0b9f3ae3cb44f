"use client";
import { CurrentPasswordField } from "@/components/form/current-password-field";
import { EmailField } from "@/components/form/email-field";
import { FormAlert } from "@/components/form/form-alert";
import { SubmitButton } from "@/components/form/submit-button";
import { useActionForm } from "@/components/form/use-action-form";
import { changeEmailSchema } from "@/lib/validation/account-settings";
import { changeEmailAction } from "./actions";

export function ChangeEmailForm() {
  const { form, alert, formAction, pending, onSubmit, errorFor, valueOf } = useActionForm(changeEmailAction, changeEmailSchema);
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate>
      <FormAlert {...alert} />
      <EmailField label="New email" defaultValue={valueOf("newEmail")} error={errorFor("newEmail")} {...form.register("newEmail")} />
      <CurrentPasswordField error={errorFor("currentPassword")} {...form.register("currentPassword")} />
      <SubmitButton pending={pending} pendingText="Sending…">
        Send confirmation link
      </SubmitButton>
    </form>
  );
}
