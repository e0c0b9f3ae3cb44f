// The signed-in settings forms that need the current password again.
import * as z from "zod/mini";
import { emailSchema } from "./email";
import { ALL_OTHER_SESSIONS } from "./form-constants";
import { currentPasswordSchema } from "./password";

export const changeEmailSchema = z.object({ newEmail: emailSchema, currentPassword: currentPasswordSchema });

// given to the pattern too: a string that is no id would otherwise get zod's own "must match pattern" text
const SESSION_CHOICE = "Choose a session to end.";
export const endSessionsSchema = z.object({
  currentPassword: currentPasswordSchema,
  // set by the button that was pressed, so the browser's copy of the form does not check it
  session: z.union([z.literal(ALL_OTHER_SESSIONS), z.string().check(z.regex(/^[a-z0-9]{1,40}$/, SESSION_CHOICE))], { error: SESSION_CHOICE }),
});

/** Forms whose only typed field is the current password (deleting the account; the sessions form in the browser). */
export const currentPasswordOnlySchema = z.object({ currentPassword: currentPasswordSchema });
