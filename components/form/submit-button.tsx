import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";

type Props = { pending: boolean; children: ReactNode; pendingText: string; variant?: "danger" };

/** The form's main button; while the action runs it says so and cannot be pressed twice. */
export function SubmitButton({ pending, children, pendingText, variant }: Props) {
  return (
    <Button type="submit" variant={variant} disabled={pending} aria-live="polite">
      {pending ? pendingText : children}
    </Button>
  );
}
