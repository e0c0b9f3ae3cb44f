"use client";

import { CurrentPasswordField } from "@/components/form/current-password-field";
import { FormAlert } from "@/components/form/form-alert";
import { SubmitButton } from "@/components/form/submit-button";
import { useActionForm } from "@/components/form/use-action-form";
import { deleteAccountAction } from "./actions";

export function DeleteAccountForm() {
  const { form, alert, formProps, pending, errorFor } = useActionForm(deleteAccountAction, () =>
    import("@/lib/validation/account-settings").then((schemas) => schemas.currentPasswordOnlySchema),
  );
  return (
    <form {...formProps}>
      <FormAlert {...alert} />
      <CurrentPasswordField hint="Type your password to confirm that you want to delete your account." error={errorFor("currentPassword")} {...form.register("currentPassword")} />
      <SubmitButton pending={pending} pendingText="Deleting…" variant="danger">
        Delete my account
      </SubmitButton>
    </form>
  );
}
