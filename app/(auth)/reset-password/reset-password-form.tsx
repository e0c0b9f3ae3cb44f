"use client";
import { useMemo } from "react";
import { FormAlert } from "@/components/form/form-alert";
import { NEW_PASSWORD_LABELS, NewPasswordFields } from "@/components/form/new-password-fields";
import { SubmitButton } from "@/components/form/submit-button";
import { useActionForm } from "@/components/form/use-action-form";
import { resetPasswordSchema } from "@/lib/validation/password-reset";
import { setNewPassword } from "../reset-actions";

export function ResetPasswordForm({ minPasswordLength }: { minPasswordLength: number }) {
  const schema = useMemo(() => resetPasswordSchema({ minLength: minPasswordLength }), [minPasswordLength]);
  const { form, alert, formAction, pending, onSubmit, errorFor } = useActionForm(setNewPassword, schema);
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate>
      <FormAlert {...alert} />
      <NewPasswordFields
        minLength={minPasswordLength}
        labels={NEW_PASSWORD_LABELS}
        password={{ ...form.register("password"), error: errorFor("password") }}
        confirm={{ ...form.register("confirmPassword"), error: errorFor("confirmPassword") }}
      />
      <SubmitButton pending={pending} pendingText="Saving…">
        Set new password
      </SubmitButton>
    </form>
  );
}
