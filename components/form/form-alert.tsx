"use client";
import { useEffect, useRef } from "react";
import type { FormActionState } from "@/lib/actions";

/** The action's overall message. It takes focus when it appears, so screen readers and keyboards start there. */
export function FormAlert({ state, children }: { state: FormActionState<unknown>; children?: React.ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state?.ok === false) ref.current?.focus();
  }, [state]);
  if (state?.ok !== false) return null;
  return (
    <div ref={ref} role="alert" tabIndex={-1} className="alert alert--error">
      <p>{state.error}</p>
      {children}
    </div>
  );
}
