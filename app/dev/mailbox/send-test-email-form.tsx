"use client";

// Works as a plain form post without JavaScript (the action redirects to
// ?sent=1); with JavaScript it shows a pending state, keeps the page, and
// refreshes the list while the mail worker delivers.
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useRef } from "react";
import { useFormStatus } from "react-dom";
import { useHydrated } from "@/components/form/use-hydrated";
import { sendTestEmailAction } from "./actions";
import { DEFAULT_TEST_RECIPIENT, NOTE_MAX_LENGTH } from "./send-test-email-fields";

const SENT_MESSAGE = "Queued. It appears below within a few seconds — reload to see it.";
// the worker polls every 2 s by default (MAIL_POLL_MS); a few looks cover a delivery
const REFRESH_EVERY_MS = 2_000;
const REFRESH_TIMES = 5;

function SubmitButton() {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className="button" disabled={pending}>
      {pending ? "Queueing…" : "Send test email"}
    </button>
  );
}

export function SendTestEmailForm({ sent }: { sent: boolean }) {
  const [state, formAction] = useActionState(sendTestEmailAction, null);
  const hydrated = useHydrated();
  const router = useRouter();
  const toInput = useRef<HTMLInputElement>(null);
  const noteInput = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (!state?.ok) return;
    let times = 0;
    const timer = setInterval(() => {
      router.refresh();
      if (++times >= REFRESH_TIMES) clearInterval(timer);
    }, REFRESH_EVERY_MS);
    return () => clearInterval(timer);
  }, [state, router]);

  const failure = state?.ok === false ? state : undefined;
  const toError = failure?.fieldErrors?.to?.[0];
  const noteError = failure?.fieldErrors?.note?.[0];

  // take the person to the field to fix, as a full page load would not
  useEffect(() => {
    if (toError) toInput.current?.focus();
    else if (noteError) noteInput.current?.focus();
  }, [state, toError, noteError]);
  // ?sent=1 speaks for a plain form post; once this form has a result, the result does
  const success = state ? state.ok : sent;

  return (
    <form action={formAction} className="mailbox-form">
      {hydrated && <input type="hidden" name="enhanced" value="1" />}
      <div role="status" className="mailbox-status">
        {success && <p className="alert">{SENT_MESSAGE}</p>}
      </div>
      {failure && (
        <p role="alert" className="alert mailbox-alert-error">
          {failure.error}
        </p>
      )}
      <div className="field">
        <label htmlFor="mailbox-to">To</label>
        <input
          ref={toInput}
          id="mailbox-to"
          name="to"
          type="email"
          autoComplete="email"
          required
          defaultValue={state?.values.to ?? DEFAULT_TEST_RECIPIENT}
          aria-invalid={toError ? true : undefined}
          aria-describedby={toError ? "mailbox-to-error" : undefined}
        />
        {toError && (
          <p id="mailbox-to-error" className="mailbox-field-error">
            {toError}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="mailbox-note">
          Note <span className="mailbox-optional">(optional)</span>
        </label>
        <textarea
          ref={noteInput}
          id="mailbox-note"
          name="note"
          rows={3}
          maxLength={NOTE_MAX_LENGTH}
          defaultValue={state?.values.note ?? ""}
          aria-invalid={noteError ? true : undefined}
          aria-describedby={noteError ? "mailbox-note-hint mailbox-note-error" : "mailbox-note-hint"}
        />
        <p id="mailbox-note-hint" className="hint">
          Shown in the email. Up to {NOTE_MAX_LENGTH} characters.
        </p>
        {noteError && (
          <p id="mailbox-note-error" className="mailbox-field-error">
            {noteError}
          </p>
        )}
      </div>
      <SubmitButton />
    </form>
  );
}
