"use server";
// The signed-out zone's actions: parse, call a use-case, answer. Each one
// answers the same whether or not the address has an account.
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { appDeps } from "@/lib/account/deps";
import { registerAccount } from "@/lib/account/register";
import { confirmEmail, resendVerification } from "@/lib/account/verify-email";
import { formAction } from "@/lib/actions";
import { SERVER_BUSY_MESSAGE } from "@/lib/server-busy";
import { signIn } from "@/lib/auth/auth";
import { serverPasswordRules } from "@/lib/auth/password-rules";
import { safeCallbackPath } from "@/lib/auth/redirects";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { registerSchema } from "@/lib/validation/register";
import { linkTokenSchema, resendVerificationSchema, signInSchema } from "@/lib/validation/sign-in";
import { REGISTERED_EMAIL_COOKIE } from "./registered-email";

const SIGN_IN_FAILED = "That email and password don't match an account.";
const UNVERIFIED = "Confirm your email address first: we've sent a new link to your inbox.";

/** Remembered in this browser only, so the next page can say where the link went. */
async function rememberEmail(email: string) {
  (await cookies()).set(REGISTERED_EMAIL_COOKIE, email, {
    httpOnly: true,
    sameSite: "lax",
    secure: env().secureCookies,
    path: "/",
    maxAge: 60 * 60,
  });
}

export const register = formAction(
  () => registerSchema(serverPasswordRules()),
  async (input) => {
    await registerAccount(appDeps(), input);
    await rememberEmail(input.email);
    redirect("/register/check-email");
  },
  { keep: ["name", "email"] },
);

export const resendVerificationEmail = formAction(
  resendVerificationSchema,
  async ({ email }) => {
    await resendVerification(db, email);
    await rememberEmail(email);
    redirect("/register/check-email?resent=1");
  },
  { keep: ["email"] },
);

export const confirmEmailAddress = formAction(
  linkTokenSchema.catch({ token: "" }),
  async ({ token }) => {
    const outcome = token ? await confirmEmail(db, token) : "invalid";
    // the result page carries no token, so it cannot leak from the address bar
    redirect(`/verify-email?status=${outcome}`);
  },
);

export const signInWithPassword = formAction(
  signInSchema.extend({ callbackUrl: z.string().optional() }),
  async ({ email, password, remember, callbackUrl }) => {
    try {
      await signIn("credentials", { email, password, remember: String(remember), redirectTo: safeCallbackPath(callbackUrl) });
    } catch (error) {
      // Auth.js's class names are minified in builds: compare its `type` and `code`
      const { type, code } = error as { type?: unknown; code?: unknown };
      if (type !== "CredentialsSignin") throw error; // a redirect on success, or a real fault
      if (code === "unverified") return { ok: false, error: UNVERIFIED, reason: "unverified" };
      if (code === "busy") return { ok: false, error: SERVER_BUSY_MESSAGE };
      return { ok: false, error: SIGN_IN_FAILED };
    }
    return { ok: true, data: undefined };
  },
  { keep: ["email", "callbackUrl"] },
);
