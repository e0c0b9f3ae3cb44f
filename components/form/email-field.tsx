import { Field, type FieldProps } from "./field";

/** An email address input, with what a person expects from one. */
export function EmailField(props: Omit<FieldProps, "label" | "type"> & { label?: string }) {
  return <Field label="Email" type="email" autoComplete="email" spellCheck={false} {...props} />;
}
