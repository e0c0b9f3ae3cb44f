import type { ReactNode } from "react";

/** The form's main button; while the action runs it says so and cannot be pressed twice. */
export function SubmitButton({ pending, children, pendingText }: { pending: boolean; children: ReactNode; pendingText: string }) {
  return (
    <button type="submit" className="button" disabled={pending} aria-live="polite">
      {pending ? pendingText : children}
    </button>
  );
}
