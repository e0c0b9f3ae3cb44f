import type { ReactNode } from "react";

type Props = { pending: boolean; children: ReactNode; pendingText: string; variant?: "danger" };

/** The form's main button; while the action runs it says so and cannot be pressed twice. */
export function SubmitButton({ pending, children, pendingText, variant }: Props) {
  return (
    <button type="submit" className={variant ? `button button--${variant}` : "button"} disabled={pending} aria-live="polite">
      {pending ? pendingText : children}
    </button>
  );
}
