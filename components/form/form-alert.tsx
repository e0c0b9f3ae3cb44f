"use client";

import { useEffect, useRef, type ReactNode } from "react";
import type { FormActionState } from "@/lib/actions";

/** One field's message in the summary, linking to the field's control. */
export type SummaryItem = { id: string; message: string };

/**
 * The form's error summary: the overall message, then each field's message as
 * a link to that field. It takes focus when it appears, so keyboards and
 * screen readers start there: with JavaScript by script, and in a page the
 * server rendered after a native post by `autofocus`.
 */
export function FormAlert({ state, items = [], children }: { state: FormActionState<unknown>; items?: SummaryItem[]; children?: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state?.ok === false) ref.current?.focus();
  }, [state]);
  if (state?.ok !== false) return null;
  // a field message that only repeats the overall one makes that one a link instead
  const same = items.find((item) => item.message === state.error);
  const others = items.filter((item) => item.message !== state.error);
  return (
    <div ref={ref} role="alert" tabIndex={-1} autoFocus className="alert alert--error">
      <p>{same ? <a href={`#${same.id}`}>{state.error}</a> : state.error}</p>
      {others.length > 0 && (
        <ul className="error-summary">
          {others.map((item) => (
            <li key={item.id}>
              <a href={`#${item.id}`}>{item.message}</a>
            </li>
          ))}
        </ul>
      )}
      {children}
    </div>
  );
}
