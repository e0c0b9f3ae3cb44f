"use server";

// Signing in with the login form, through Auth.js's credentials provider. The
// answer to a wrong address and a wrong password is the same.
import * as z from "zod/mini";
import { formAction } from "@/lib/actions";
import { signIn } from "@/lib/auth/auth";
import { safeCallbackPath } from "@/lib/auth/redirects";
import { signInFailure } from "@/lib/auth/sign-in-messages";
import { signInSchema } from "@/lib/validation/sign-in";

export const signInWithPasswordAction = formAction(
  z.extend(signInSchema, { callbackUrl: z.optional(z.string()) }),
  async ({ email, password, remember, callbackUrl }) => {
    try {
      await signIn("credentials", { email, password, remember: String(remember), redirectTo: safeCallbackPath(callbackUrl) });
    } catch (error) {
      // Auth.js's class names are minified in builds: compare its `type` and `code`
      const { type, code } = error as { type?: unknown; code?: unknown };
      if (type !== "CredentialsSignin") throw error; // a redirect on success, or a real fault
      return signInFailure(code);
    }
    return { ok: true, data: undefined };
  },
  { keep: ["email", "callbackUrl"] },
);
