"use client";
// One form, two ways in. Without JavaScript the <form> posts to the server
// action and the page comes back with its result. With JavaScript,
// react-hook-form checks the same zod schema as the person types, and only a
// valid form is sent to the same action. The server checks again either way.
import { zodResolver } from "@hookform/resolvers/zod";
import { startTransition, useActionState, useEffect } from "react";
import { get, useForm, type FieldValues, type Path } from "react-hook-form";
import type * as z from "zod/mini";
import type { FormAction } from "@/lib/actions";
import { useHydrated } from "./use-hydrated";

export function useActionForm<Schema extends z.core.$ZodType<FieldValues, FieldValues>, T>(action: FormAction<T>, schema: Schema) {
  type Fields = z.input<Schema>;
  const [state, dispatch, pending] = useActionState(action, null);
  const hydrated = useHydrated();
  const form = useForm<Fields, unknown, z.output<Schema>>({
    resolver: zodResolver(schema),
    mode: "onTouched",
  });

  // the server's verdict joins the client's, and clears as the person fixes each field
  useEffect(() => {
    if (state?.ok !== false) return;
    for (const [name, messages] of Object.entries(state.fieldErrors ?? {})) {
      const message = messages?.[0];
      if (message) form.setError(name as Path<Fields>, { type: "server", message });
    }
  }, [state, form]);

  const onSubmit = form.handleSubmit((_values, event) => {
    const element = event?.target;
    // the pressed button's name and value travel too, as in a native submit
    const submitter = (event?.nativeEvent as SubmitEvent | undefined)?.submitter ?? null;
    if (element instanceof HTMLFormElement) startTransition(() => dispatch(new FormData(element, submitter)));
  });

  return {
    form,
    state,
    formAction: dispatch,
    pending,
    onSubmit,
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
