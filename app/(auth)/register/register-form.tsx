"use client";
import { useMemo } from "react";
import { Field } from "@/components/form/field";
import { FormAlert } from "@/components/form/form-alert";
import { SubmitButton } from "@/components/form/submit-button";
import { useActionForm } from "@/components/form/use-action-form";
import { registerSchema } from "@/lib/validation/register";
import { register } from "../actions";

export function RegisterForm({ minPasswordLength }: { minPasswordLength: number }) {
  // the browser checks everything but the common-password list, which the server adds
  const schema = useMemo(() => registerSchema({ minLength: minPasswordLength }), [minPasswordLength]);
  const { form, state, formAction, pending, onSubmit, errorFor, valueOf } = useActionForm(register, schema);

  return (
    <form action={formAction} onSubmit={onSubmit} noValidate>
      <FormAlert state={state} />
      <Field label="Name" autoComplete="name" defaultValue={valueOf("name")} error={errorFor("name")} {...form.register("name")} />
      <Field
        label="Email"
        type="email"
        autoComplete="email"
        spellCheck={false}
        defaultValue={valueOf("email")}
        error={errorFor("email")}
        {...form.register("email")}
      />
      <Field
        label="Password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${minPasswordLength} characters. A few unrelated words make a strong password.`}
        error={errorFor("password")}
        {...form.register("password")}
      />
      <Field
        label="Confirm password"
        type="password"
        autoComplete="new-password"
        error={errorFor("confirmPassword")}
        {...form.register("confirmPassword")}
      />
      <SubmitButton pending={pending} pendingText="Creating your account…">
        Create account
      </SubmitButton>
    </form>
  );
}
