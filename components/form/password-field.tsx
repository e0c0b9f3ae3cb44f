"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Field, fieldId, type FieldProps } from "./field";
import { useHydrated } from "./use-hydrated";

/**
 * A password input with a button that shows what was typed. The button needs
 * JavaScript, so the server's HTML leaves it out: without it, the field is a
 * plain password input.
 */
export function PasswordField(props: Omit<FieldProps, "type" | "addon">) {
  const [shown, setShown] = useState(false);
  const hydrated = useHydrated();
  const toggle = hydrated && (
    <Button
      type="button"
      variant="secondary"
      className="password-toggle"
      aria-pressed={shown}
      aria-controls={props.id ?? fieldId(props.name)}
      onClick={() => setShown((now) => !now)}
    >
      Show<span className="visually-hidden"> {props.label.toLowerCase()}</span>
    </Button>
  );
  return <Field {...props} type={shown ? "text" : "password"} addon={toggle || undefined} />;
}
