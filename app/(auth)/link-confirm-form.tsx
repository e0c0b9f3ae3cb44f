"use client";
import { useActionState } from "react";
import { FormAlert } from "@/components/form/form-alert";
import { SubmitButton } from "@/components/form/submit-button";
import type { FormAction } from "@/lib/actions";

/**
 * The button that spends an emailed link's token (kept in a cookie by
 * proxy.ts): a POST, so opening the link alone changes nothing.
 */
export function LinkConfirmForm({ action, label }: { action: FormAction; label: string }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction}>
      <FormAlert state={state} />
      <SubmitButton pending={pending} pendingText="Confirming…">
        {label}
      </SubmitButton>
    </form>
  );
}
