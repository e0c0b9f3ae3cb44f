"use client";

import { FormAlert } from "@/components/form/form-alert";
import { NEW_PASSWORD_LABELS, NewPasswordFields } from "@/components/form/new-password-fields";
import { SubmitButton } from "@/components/form/submit-button";
import { useActionForm } from "@/components/form/use-action-form";
import { setNewPasswordAction } from "./actions";

export function ResetPasswordForm({ minPasswordLength }: { minPasswordLength: number }) {
  const { form, alert, formProps, pending, errorFor } = useActionForm(setNewPasswordAction, () =>
    import("@/lib/validation/password-reset").then((schemas) => schemas.resetPasswordSchema({ minLength: minPasswordLength })),
  );
  return (
    <form {...formProps}>
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
