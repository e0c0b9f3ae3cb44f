"use client";

import { CurrentPasswordField } from "@/components/form/current-password-field";
import { FormAlert } from "@/components/form/form-alert";
import { NEW_PASSWORD_LABELS, NewPasswordFields } from "@/components/form/new-password-fields";
import { SubmitButton } from "@/components/form/submit-button";
import { useActionForm } from "@/components/form/use-action-form";
import { changePasswordAction } from "./actions";

export function ChangePasswordForm({ minPasswordLength }: { minPasswordLength: number }) {
  const { form, alert, formProps, pending, errorFor } = useActionForm(changePasswordAction, () =>
    import("@/lib/validation/password-reset").then((schemas) => schemas.changePasswordSchema({ minLength: minPasswordLength })),
  );
  return (
    <form {...formProps}>
      <FormAlert {...alert} />
      <CurrentPasswordField error={errorFor("currentPassword")} {...form.register("currentPassword")} />
      <NewPasswordFields
        minLength={minPasswordLength}
        labels={NEW_PASSWORD_LABELS}
        hint={`At least ${minPasswordLength} characters, different from your current one.`}
        password={{ ...form.register("password"), error: errorFor("password") }}
        confirm={{ ...form.register("confirmPassword"), error: errorFor("confirmPassword") }}
      />
      <SubmitButton pending={pending} pendingText="Changing…">
        Change password
      </SubmitButton>
    </form>
  );
}
