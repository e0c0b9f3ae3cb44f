"use client";

import { EmailField } from "@/components/form/email-field";
import { FormAlert } from "@/components/form/form-alert";
import { PasswordField } from "@/components/form/password-field";
import { SubmitButton } from "@/components/form/submit-button";
import { useActionForm } from "@/components/form/use-action-form";
import type { ActionFailure } from "@/lib/actions";
import { ResendVerificationForm } from "../_resend-verification/resend-verification-form";
import { signInWithPasswordAction } from "./actions";

type Props = { callbackUrl: string; initialError?: ActionFailure };

export function LoginForm({ callbackUrl, initialError }: Props) {
  const { form, alert, formProps, pending, errorFor, valueOf } = useActionForm(
    signInWithPasswordAction,
    () => import("@/lib/validation/sign-in").then((schemas) => schemas.signInSchema),
    { initialFailure: initialError },
  );
  const unverified = alert.state?.ok === false && alert.state.reason === "unverified";

  return (
    <>
      <form {...formProps}>
        <FormAlert {...alert} />
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <EmailField autoComplete="username" defaultValue={valueOf("email")} error={errorFor("email")} {...form.register("email")} />
        <PasswordField label="Password" autoComplete="current-password" error={errorFor("password")} {...form.register("password")} />
        <div className="field field--checkbox">
          <input id="field-remember" type="checkbox" {...form.register("remember")} />
          <label htmlFor="field-remember">Keep me signed in on this device</label>
        </div>
        <SubmitButton pending={pending} pendingText="Signing in…">
          Sign in
        </SubmitButton>
      </form>
      {unverified && (
        <section aria-labelledby="resend-heading">
          <h2 id="resend-heading">Need the link again?</h2>
          <ResendVerificationForm email={valueOf("email")} />
        </section>
      )}
    </>
  );
}
