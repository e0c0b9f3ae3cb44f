"use client";
import { useMemo } from "react";
import { Field } from "@/components/form/field";
import { FormAlert } from "@/components/form/form-alert";
import { SubmitButton } from "@/components/form/submit-button";
import { useActionForm } from "@/components/form/use-action-form";
import { resetPasswordSchema } from "@/lib/validation/password-reset";
import { setNewPassword } from "../reset-actions";

export function ResetPasswordForm({ minPasswordLength }: { minPasswordLength: number }) {
  const schema = useMemo(() => resetPasswordSchema({ minLength: minPasswordLength }), [minPasswordLength]);
  const { form, state, formAction, pending, onSubmit, errorFor } = useActionForm(setNewPassword, schema);
  return (
    <form action={formAction} onSubmit={onSubmit} noValidate>
      <FormAlert state={state} />
      <Field
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${minPasswordLength} characters. A few unrelated words make a strong password.`}
        error={errorFor("password")}
        {...form.register("password")}
      />
      <Field
        label="Confirm new password"
        type="password"
        autoComplete="new-password"
        error={errorFor("confirmPassword")}
        {...form.register("confirmPassword")}
      />
      <SubmitButton pending={pending} pendingText="Saving…">
        Set new password
      </SubmitButton>
    </form>
  );
}
