// The contract of every form's server action: parse with the form's zod
// schema, run, and return a result. Expected failures are results, never
// exceptions; unexpected ones are logged and answered with a generic message.
import { unstable_rethrow } from "next/navigation";
import * as z from "zod/mini";
import { isSessionUnavailable } from "./auth/unavailable";
import { FIX_FIELDS, UNEXPECTED } from "./form-messages";
import { describeError, log } from "./log";
import { isServerBusy, SERVER_BUSY_MESSAGE } from "./server-busy";

export type ActionFailure = {
  ok: false;
  error: string;
  /** a machine-readable reason the page can act on, e.g. "unverified" */
  reason?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  /** what was typed (never passwords), to refill the form after a full-page post */
  values?: Record<string, string>;
};
export type ActionResult<T = void> = { ok: true; data: T } | ActionFailure;
export type FormActionState<T = void> = ActionResult<T> | null;
export type FormAction<T = void> = (previous: FormActionState<T>, formData: FormData) => Promise<ActionResult<T>>;

export type FormFields = Record<string, string | string[] | File | File[]>;

/**
 * The submitted fields. A repeated name becomes an array, and a file is
 * dropped unless its field is one of `files`, so a schema that expects one
 * string refuses both.
 */
export function formFields(formData: FormData, files: readonly string[] = []): FormFields {
  const fields: FormFields = {};
  for (const name of new Set(formData.keys())) {
    if (name.startsWith("$ACTION")) continue; // Next.js's own fields
    const all = formData.getAll(name);
    const values = files.includes(name) ? all.filter((value): value is File => typeof value !== "string") : all.filter((value): value is string => typeof value === "string");
    if (values.length === 1 && values[0] !== undefined) fields[name] = values[0];
    else if (values.length > 1) fields[name] = values as string[] | File[];
  }
  return fields;
}

/** A use-case's refusal as a form result: the message, tied to its field when it has one. */
export function refusal({ error, field }: { error: string; field?: string }): ActionFailure {
  return { ok: false, error, fieldErrors: field ? { [field]: [error] } : undefined };
}

export function formAction<Schema extends z.core.$ZodType, T = void>(
  schema: Schema | (() => Schema),
  run: (input: z.output<Schema>) => Promise<ActionResult<T>>,
  options: { keep?: readonly string[]; files?: readonly string[] } = {},
): FormAction<T> {
  return async (_previous, formData) => {
    // a call that did not come from the form (arguments in another order or of another kind) has no fields to read
    if (!(formData instanceof FormData)) return { ok: false, error: FIX_FIELDS };
    const fields = formFields(formData, options.files);
    const values: Record<string, string> = {};
    for (const name of options.keep ?? []) {
      const value = fields[name];
      if (typeof value === "string") values[name] = value.slice(0, 1000);
    }
    try {
      const parsed = z.safeParse(typeof schema === "function" ? schema() : schema, fields);
      if (!parsed.success) {
        return { ok: false, error: FIX_FIELDS, fieldErrors: z.flattenError(parsed.error).fieldErrors, values };
      }
      const result = await run(parsed.data);
      return result.ok ? result : { ...result, values: result.values ?? values };
    } catch (error) {
      unstable_rethrow(error); // redirect() and notFound() travel as exceptions
      if (isServerBusy(error)) return { ok: false, error: SERVER_BUSY_MESSAGE, values };
      // a session that could not be checked was logged there, with the database's own error: one line per fault
      if (!isSessionUnavailable(error)) log("error", "action_failed", { error: describeError(error) });
      return { ok: false, error: UNEXPECTED, values };
    }
  };
}

const NO_FIELDS = z.object({});

/**
 * The action of a form that is only a button (sign out, remove the picture,
 * confirm a link): it reads no fields, and keeps the contract of every
 * form's action, so a fault is the same designed answer ("something went
 * wrong, nothing was changed") shown in its form (components/form/button-form.tsx),
 * never an error page, with or without JavaScript.
 */
export function buttonAction<T = void>(run: () => Promise<ActionResult<T>>): FormAction<T> {
  return formAction(NO_FIELDS, () => run());
}
