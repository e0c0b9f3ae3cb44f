"use client";

import { EmailField } from "@/components/form/email-field";
import { Field } from "@/components/form/field";
import { FormAlert } from "@/components/form/form-alert";
import { NewPasswordFields } from "@/components/form/new-password-fields";
import { SubmitButton } from "@/components/form/submit-button";
import { useActionForm } from "@/components/form/use-action-form";
import { registerAction } from "./actions";

export function RegisterForm({ minPasswordLength }: { minPasswordLength: number }) {
  // the browser checks everything but the common-password list, which the server adds
  const { form, alert, formProps, pending, errorFor, valueOf } = useActionForm(registerAction, () =>
    import("@/lib/validation/register").then((schemas) => schemas.registerSchema({ minLength: minPasswordLength })),
  );

  return (
    <form {...formProps}>
      <FormAlert {...alert} />
      <Field label="Name" autoComplete="name" defaultValue={valueOf("name")} error={errorFor("name")} {...form.register("name")} />
      <EmailField defaultValue={valueOf("email")} error={errorFor("email")} {...form.register("email")} />
      <NewPasswordFields
        minLength={minPasswordLength}
        password={{ ...form.register("password"), error: errorFor("password") }}
        confirm={{ ...form.register("confirmPassword"), error: errorFor("confirmPassword") }}
      />
      <SubmitButton pending={pending} pendingText="Creating your account…">
        Create account
      </SubmitButton>
    </form>
  );
}
