"use client";

import { useState, type ChangeEvent } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { PasswordField } from "./password-field";
import { PasswordLengthMeter } from "./password-length-meter";
import { useHydrated } from "./use-hydrated";

type Binding = UseFormRegisterReturn & { error?: string };

const LABELS = { password: "Password", confirm: "Confirm password" };
export const NEW_PASSWORD_LABELS = { password: "New password", confirm: "Confirm new password" };

/**
 * A new password and its confirmation; `new-password` lets password managers
 * suggest one. The hint states the whole policy (lib/auth/password-policy.ts);
 * with JavaScript it also measures the length as the person types.
 */
export function NewPasswordFields(props: { minLength: number; password: Binding; confirm: Binding; hint?: string; labels?: typeof LABELS }) {
  const { error: passwordError, onChange, ...passwordInput } = props.password;
  const { error: confirmError, ...confirmInput } = props.confirm;
  const labels = props.labels ?? LABELS;
  const [typed, setTyped] = useState("");
  const hydrated = useHydrated();
  const track = (event: ChangeEvent<HTMLInputElement>) => {
    setTyped(event.target.value);
    return onChange(event);
  };
  const rules = props.hint ?? `At least ${props.minLength} characters. A few unrelated words make a strong password.`;
  return (
    <>
      <PasswordField
        label={labels.password}
        autoComplete="new-password"
        hint={
          <>
            <p>{rules} Not a common password, and not made from your name or email address.</p>
            {hydrated && <PasswordLengthMeter password={typed} minLength={props.minLength} />}
          </>
        }
        error={passwordError}
        onChange={track}
        {...passwordInput}
      />
      <PasswordField label={labels.confirm} autoComplete="new-password" error={confirmError} {...confirmInput} />
    </>
  );
}
