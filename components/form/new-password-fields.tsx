import type { UseFormRegisterReturn } from "react-hook-form";
import { Field } from "./field";

type Binding = UseFormRegisterReturn & { error?: string };

const LABELS = { password: "Password", confirm: "Confirm password" };
export const NEW_PASSWORD_LABELS = { password: "New password", confirm: "Confirm new password" };

/** A new password and its confirmation; `new-password` lets password managers suggest one. */
export function NewPasswordFields(props: { minLength: number; password: Binding; confirm: Binding; hint?: string; labels?: typeof LABELS }) {
  const { error: passwordError, ...passwordInput } = props.password;
  const { error: confirmError, ...confirmInput } = props.confirm;
  const labels = props.labels ?? LABELS;
  return (
    <>
      <Field
        label={labels.password}
        type="password"
        autoComplete="new-password"
        hint={props.hint ?? `At least ${props.minLength} characters. A few unrelated words make a strong password.`}
        error={passwordError}
        {...passwordInput}
      />
      <Field label={labels.confirm} type="password" autoComplete="new-password" error={confirmError} {...confirmInput} />
    </>
  );
}
