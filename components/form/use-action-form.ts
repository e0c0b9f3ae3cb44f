"use client";

// One form, two ways in. Without JavaScript the <form> posts to the server
// action and the page comes back with its result. With JavaScript,
// react-hook-form checks the same zod schema as the person types, and only a
// valid form is sent to the same action. The server checks again either way.
// The schema comes as a loader (`() => import(...)`) so that the validation
// code is fetched when the form is first used, not with the page.
import { startTransition, useActionState, useEffect, useState } from "react";
import { get, useForm, type FieldErrors, type FieldValues, type Path } from "react-hook-form";
import type * as z from "zod/mini";
import type { ActionFailure, FormAction, FormActionState } from "@/lib/actions";
import { FIX_FIELDS } from "@/lib/form-messages";
import { fieldId } from "./field";
import type { SummaryItem } from "./form-alert";
import { lazyZodResolver, type SchemaLoader } from "./lazy-zod-resolver";
import { useHydrated } from "./use-hydrated";

type Options = {
  /** controls whose id is not the default `field-<name>` (two forms on one page) */
  ids?: Record<string, string>;
  /** a failure the page already knows of, shown until the form is sent */
  initialFailure?: ActionFailure;
};

export function useActionForm<Schema extends z.core.$ZodType<FieldValues, FieldValues>, T>(action: FormAction<T>, loadSchema: SchemaLoader<Schema>, options: Options = {}) {
  type Fields = z.input<Schema>;
  const [state, dispatch, pending] = useActionState(action, null);
  const hydrated = useHydrated();
  // a submit the browser refused: a new object each time, so the summary takes focus again
  const [refused, setRefused] = useState<ActionFailure | null>(null);
  const [sent, setSent] = useState(false);
  const [{ resolver, preload }] = useState(() => lazyZodResolver(loadSchema));
  const form = useForm<Fields, unknown, z.output<Schema>>({
    resolver,
    mode: "onTouched",
    // the error summary takes focus and links to each field
    shouldFocusError: false,
  });

  // the server's verdict joins the client's, and clears as the person fixes each field
  useEffect(() => {
    if (state?.ok !== false) return;
    for (const [name, messages] of Object.entries(state.fieldErrors ?? {})) {
      const message = messages?.[0];
      if (message) form.setError(name as Path<Fields>, { type: "server", message });
    }
  }, [state, form]);

  const onSubmit = form.handleSubmit(
    (_values, event) => {
      const element = event?.target;
      // the pressed button's name and value travel too, as in a native submit
      const submitter = (event?.nativeEvent as SubmitEvent | undefined)?.submitter ?? null;
      setRefused(null);
      setSent(true);
      if (element instanceof HTMLFormElement) startTransition(() => dispatch(new FormData(element, submitter)));
    },
    () => setRefused({ ok: false, error: FIX_FIELDS }),
  );

  const idOf = (name: string) => options.ids?.[name] ?? fieldId(name);
  const alertState: FormActionState<unknown> = refused ?? state ?? (sent ? null : (options.initialFailure ?? null));
  const alertItems: SummaryItem[] = hydrated
    ? summaryOf(form.formState.errors, idOf)
    : Object.entries(state?.ok === false ? (state.fieldErrors ?? {}) : {}).flatMap(([name, messages]) => (messages?.[0] ? [{ id: idOf(name), message: messages[0] }] : []));

  return {
    form,
    state,
    /** what the error summary shows: the props of <FormAlert> */
    alert: { state: alertState, items: alertItems },
    /** the <form>'s own props: its action, the checked submit, and the first focus that fetches the checks */
    formProps: { action: dispatch, onSubmit, onFocus: preload, noValidate: true },
    pending,
    /** The message for a field: react-hook-form's once JavaScript runs, the server's in a full-page post. */
    errorFor(name: Path<Fields>): string | undefined {
      if (hydrated) {
        const error: { message?: unknown } | undefined = get(form.formState.errors, name);
        return typeof error?.message === "string" ? error.message : undefined;
      }
      return state?.ok === false ? state.fieldErrors?.[name]?.[0] : undefined;
    },
    /** What was typed before a full-page post, to show it again. */
    valueOf(name: Path<Fields>): string | undefined {
      return state?.ok === false ? state.values?.[name] : undefined;
    },
  };
}

/** Each field's message from react-hook-form's errors, in the order the fields failed. */
function summaryOf(errors: FieldErrors, idOf: (name: string) => string): SummaryItem[] {
  return Object.entries(errors).flatMap(([name, error]) => (error && typeof error.message === "string" && error.message ? [{ id: idOf(name), message: error.message }] : []));
}
