import { Field, type FieldProps } from "./field";

/** The account's password, typed again to confirm a sensitive change. */
export function CurrentPasswordField(props: Omit<FieldProps, "label" | "type"> & { label?: string }) {
  return <Field label="Current password" type="password" autoComplete="current-password" {...props} />;
}
