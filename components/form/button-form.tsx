"use client";

import { useActionState } from "react";
import type { ButtonVariant } from "@/components/ui/button";
import type { FormAction } from "@/lib/actions";
import { FormAlert } from "./form-alert";
import { SubmitButton } from "./submit-button";

type Props = { action: FormAction; label: string; pendingText: string; variant?: ButtonVariant; className?: string };

/**
 * A form that is only a button, for an action made with buttonAction()
 * (lib/actions.ts). When the action fails, the form shows why in its alert:
 * with JavaScript at once, without it in the page that comes back.
 */
export function ButtonForm({ action, label, pendingText, variant, className }: Props) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className={className}>
      <FormAlert state={state} />
      <SubmitButton pending={pending} pendingText={pendingText} variant={variant}>
        {label}
      </SubmitButton>
    </form>
  );
}
