import * as z from "zod/mini";
import { NAME_MAX_LENGTH } from "./form-constants";

export const nameSchema = z.string({ error: "Enter your name." }).check(
  z.trim(),
  z.minLength(1, "Enter your name."),
  z.maxLength(NAME_MAX_LENGTH, `Use at most ${NAME_MAX_LENGTH} characters.`),
  // C0, DEL and C1: every Unicode control character (category Cc)
  z.refine((name) => !/[\u0000-\u001f\u007f-\u009f]/.test(name), "Use letters, spaces and punctuation only."),
);
