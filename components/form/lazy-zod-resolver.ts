// A form's validation code (zod, the resolver and the form's schema) is not
// needed to show the form, only once someone uses it. It is fetched when the
// form first gets focus, and a check that comes sooner waits for it. If it
// cannot be fetched the form is sent as it is: the server checks every field.
import type { FieldValues, Resolver } from "react-hook-form";
import type * as z from "zod/mini";

export type SchemaLoader<Schema> = () => Promise<Schema>;

export type LazyResolver<Fields extends FieldValues, Output> = {
  /** start fetching now; the first check would otherwise start it */
  preload: () => void;
  resolver: Resolver<Fields, unknown, Output>;
};

export function lazyZodResolver<Schema extends z.core.$ZodType<FieldValues, FieldValues>>(
  loadSchema: SchemaLoader<Schema>,
  loadZodResolver = () => import("@hookform/resolvers/zod"),
): LazyResolver<z.input<Schema>, z.output<Schema>> {
  type Ready = Resolver<z.input<Schema>, unknown, z.output<Schema>>;
  let loading: Promise<Ready> | null = null;
  const ready = () =>
    (loading ??= Promise.all([loadZodResolver(), loadSchema()]).then(
      ([{ zodResolver }, schema]) => zodResolver(schema) as Ready,
      (error: unknown) => {
        loading = null; // a later check tries again
        throw error;
      },
    ));

  return {
    preload: () => void ready().catch(() => undefined),
    resolver: async (values, context, options) => {
      let resolve: Ready;
      try {
        resolve = await ready();
      } catch {
        return { values: values as z.output<Schema>, errors: {} };
      }
      return resolve(values, context, options);
    },
  };
}
