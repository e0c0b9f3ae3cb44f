"use client";
import { useActionState } from "react";
import { FormAlert } from "@/components/form/form-alert";
import { SubmitButton } from "@/components/form/submit-button";
import { confirmEmailAddress } from "../actions";

export function ConfirmEmailForm({ token }: { token: string }) {
  const [state, formAction, pending] = useActionState(confirmEmailAddress, null);
  return (
    <form action={formAction}>
      <FormAlert state={state} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton pending={pending} pendingText="Confirming…">
        Confirm my email
      </SubmitButton>
    </form>
  );
}
