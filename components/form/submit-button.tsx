"use client";

import type { MouseEvent, ReactNode } from "react";
import { Button, type ButtonVariant } from "@/components/ui/button";

type Props = { pending: boolean; children: ReactNode; pendingText: string; variant?: ButtonVariant };

/**
 * A field is checked when it loses focus, and its message pushes the button
 * down. Pressing the mouse on the button would take that focus, so the button
 * moved before the mouse came up and the click was lost; keeping the focus
 * where it is keeps the button still. The submit checks every field anyway.
 */
function keepFocus(event: MouseEvent<HTMLButtonElement>) {
  event.preventDefault();
}

/** The form's main button; while the action runs it says so and cannot be pressed twice. */
export function SubmitButton({ pending, children, pendingText, variant }: Props) {
  return (
    <Button type="submit" variant={variant} disabled={pending} aria-live="polite" onMouseDown={keepFocus}>
      {pending ? pendingText : children}
    </Button>
  );
}
