"use client";

import { CurrentPasswordField } from "@/components/form/current-password-field";
import { EmailField } from "@/components/form/email-field";
import { FormAlert } from "@/components/form/form-alert";
import { SubmitButton } from "@/components/form/submit-button";
import { useActionForm } from "@/components/form/use-action-form";
import { changeEmailAction } from "./actions";

export function ChangeEmailForm() {
  const { form, alert, formProps, pending, errorFor, valueOf } = useActionForm(changeEmailAction, () =>
    import("@/lib/validation/account-settings").then((schemas) => schemas.changeEmailSchema),
  );
  return (
    <form {...formProps}>
      <FormAlert {...alert} />
      <EmailField label="New email" defaultValue={valueOf("newEmail")} error={errorFor("newEmail")} {...form.register("newEmail")} />
      <CurrentPasswordField error={errorFor("currentPassword")} {...form.register("currentPassword")} />
      <SubmitButton pending={pending} pendingText="Sending…">
        Send confirmation link
      </SubmitButton>
    </form>
  );
}
