import * as z from "zod/mini";
import { BIO_MAX_LENGTH } from "./form-constants";
import { nameSchema } from "./name";

/** Only these fields are ever read from the profile form; anything else sent along is dropped. */
export const profileSchema = z.object({
  name: nameSchema,
  bio: z._default(
    z.pipe(
      z.pipe(
        z.string({ error: "Write your bio as text." }),
        z.transform((bio: string) => bio.replace(/\r\n?/g, "\n").trim()),
      ),
      z.string().check(
        z.maxLength(BIO_MAX_LENGTH, `Use at most ${BIO_MAX_LENGTH} characters.`),
        // line breaks and tabs are fine; other control characters (C0, DEL, C1) are not text
        z.refine((bio) => !/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/.test(bio), "Use letters, spaces, punctuation and line breaks only."),
      ),
    ),
    "",
  ),
});
export type ProfileInput = z.output<typeof profileSchema>;
