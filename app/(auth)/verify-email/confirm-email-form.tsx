"use client";

import { FormAlert } from "@/components/form/form-alert";
import { PasswordField } from "@/components/form/password-field";
import { SubmitButton } from "@/components/form/submit-button";
import { useActionForm } from "@/components/form/use-action-form";
import { confirmEmailAddressAction } from "./actions";

/** The account's password confirms the address the link was sent to; the link alone does not. */
export function ConfirmEmailForm() {
  const { form, alert, formProps, pending, errorFor } = useActionForm(confirmEmailAddressAction, () =>
    import("@/lib/validation/verify-email").then((schemas) => schemas.confirmEmailSchema),
  );
  return (
    <form {...formProps} aria-label="Confirm your email">
      <FormAlert {...alert} />
      <PasswordField
        label="Password"
        hint="The password chosen when this account was created."
        autoComplete="current-password"
        error={errorFor("password")}
        {...form.register("password")}
      />
      <SubmitButton pending={pending} pendingText="Confirming…">
        Confirm my email
      </SubmitButton>
    </form>
  );
}
