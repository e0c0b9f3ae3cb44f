import * as z from "zod/mini";
import { currentPasswordSchema } from "./password";

/** The confirm page of an emailed link: the account's own password proves who is confirming. */
export const confirmEmailSchema = z.object({ password: currentPasswordSchema });

export type ConfirmEmailFields = z.input<typeof confirmEmailSchema>;
