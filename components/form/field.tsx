import type { InputHTMLAttributes, ReactNode, Ref, TextareaHTMLAttributes } from "react";

type Labelled = { name: string; label: string; hint?: ReactNode; error?: string };

export type FieldProps = InputHTMLAttributes<HTMLInputElement> & Labelled & { ref?: Ref<HTMLInputElement> };
export type TextAreaFieldProps = TextareaHTMLAttributes<HTMLTextAreaElement> & Labelled & { ref?: Ref<HTMLTextAreaElement> };

/** The label, hint and error around a control, and the ids that tie them to it. */
function FieldFrame({ id, name, label, hint, error, control }: Labelled & { id?: string; control: (aria: AriaProps) => ReactNode }) {
  const inputId = id ?? `field-${name}`;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={inputId}>{label}</label>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {control({ id: inputId, name, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy || undefined })}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

type AriaProps = { id: string; name: string; "aria-invalid"?: boolean; "aria-describedby"?: string };

/** A labelled input whose hint and error are announced with it. */
export function Field({ label, hint, error, id, name, ref, ...input }: FieldProps) {
  return <FieldFrame {...{ id, name, label, hint, error }} control={(aria) => <input ref={ref} {...aria} {...input} />} />;
}

/** A labelled multi-line text box, announced the same way. */
export function TextAreaField({ label, hint, error, id, name, ref, ...textarea }: TextAreaFieldProps) {
  return <FieldFrame {...{ id, name, label, hint, error }} control={(aria) => <textarea ref={ref} {...aria} {...textarea} />} />;
}
