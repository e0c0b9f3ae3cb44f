import type { InputHTMLAttributes, ReactNode, Ref, TextareaHTMLAttributes } from "react";

type Labelled = { name: string; label: string; hint?: ReactNode; error?: string };

export type FieldProps = InputHTMLAttributes<HTMLInputElement> & Labelled & { ref?: Ref<HTMLInputElement>; addon?: ReactNode };
export type TextAreaFieldProps = TextareaHTMLAttributes<HTMLTextAreaElement> & Labelled & { ref?: Ref<HTMLTextAreaElement> };

/** The id a field's control gets unless the form gives it another: the error summary links to it. */
export function fieldId(name: string): string {
  return `field-${name}`;
}

/** The label, hint and error around a control, and the ids that tie them to it. */
function FieldFrame({ id, name, label, hint, error, addon, control }: Labelled & { id?: string; addon?: ReactNode; control: (aria: AriaProps) => ReactNode }) {
  const inputId = id ?? fieldId(name);
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ");
  const input = control({ id: inputId, name, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy || undefined });
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      {hint && (
        <div id={hintId} className="hint">
          {hint}
        </div>
      )}
      {addon ? (
        <div className="field__control">
          {input}
          {addon}
        </div>
      ) : (
        input
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

type AriaProps = { id: string; name: string; "aria-invalid"?: boolean; "aria-describedby"?: string };

/** A labelled input whose hint and error are announced with it; `addon` sits beside the input (a show-password button). */
export function Field({ label, hint, error, id, name, ref, addon, ...input }: FieldProps) {
  return <FieldFrame {...{ id, name, label, hint, error, addon }} control={(aria) => <input ref={ref} {...aria} {...input} />} />;
}

/** A labelled multi-line text box, announced the same way. */
export function TextAreaField({ label, hint, error, id, name, ref, ...textarea }: TextAreaFieldProps) {
  return <FieldFrame {...{ id, name, label, hint, error }} control={(aria) => <textarea ref={ref} {...aria} {...textarea} />} />;
}
