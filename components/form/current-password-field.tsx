import type { FieldProps } from "./field";
import { PasswordField } from "./password-field";

/** The account's password, typed again to confirm a sensitive change. */
export function CurrentPasswordField(props: Omit<FieldProps, "label" | "type" | "addon"> & { label?: string }) {
  return <PasswordField label="Current password" autoComplete="current-password" {...props} />;
}
