"use client";

import { EmailField } from "@/components/form/email-field";
import { FormAlert } from "@/components/form/form-alert";
import { SubmitButton } from "@/components/form/submit-button";
import { useActionForm } from "@/components/form/use-action-form";
import { requestPasswordResetAction } from "./actions";

export function ForgotPasswordForm() {
  const { form, alert, formProps, pending, errorFor, valueOf } = useActionForm(requestPasswordResetAction, () =>
    import("@/lib/validation/password-reset").then((schemas) => schemas.forgotPasswordSchema),
  );
  return (
    <form {...formProps}>
      <FormAlert {...alert} />
      <EmailField defaultValue={valueOf("email")} error={errorFor("email")} {...form.register("email")} />
      <SubmitButton pending={pending} pendingText="Sending…">
        Send me a reset link
      </SubmitButton>
    </form>
  );
}
