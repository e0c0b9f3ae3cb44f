"use server";
// The signed-out zone's actions: parse, call a use-case, answer. Each one
// answers the same whether or not the address has an account.
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import * as z from "zod/mini";
import { appDeps } from "@/lib/account/deps";
import { registerAccount } from "@/lib/account/register";
import { resendVerification } from "@/lib/account/verify-email";
import { formAction, refusal } from "@/lib/actions";
import { audit } from "@/lib/auth/audit";
import { signIn } from "@/lib/auth/auth";
import { serverPasswordRules } from "@/lib/auth/password-rules";
import { safeCallbackPath } from "@/lib/auth/redirects";
import { requestMeta } from "@/lib/auth/request-meta";
import { signInFailure } from "@/lib/auth/sign-in-messages";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { registerSchema } from "@/lib/validation/register";
import { resendVerificationSchema, signInSchema } from "@/lib/validation/sign-in";
import { REGISTERED_EMAIL_COOKIE } from "./registered-email";


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
    const outcome = await registerAccount(appDeps(), { ...input, ip: requestMeta(await headers()).ip });
    if (!outcome.ok) {
      await audit({ type: "registration", outcome: "throttled", email: input.email });
      return refusal(outcome);
    }
    await audit({ type: "registration", outcome: "success", userId: outcome.userId, email: input.email });
    await rememberEmail(input.email);
    redirect("/register/check-email");
  },
  { keep: ["name", "email"] },
);

export const resendVerificationEmail = formAction(
  resendVerificationSchema,
  async ({ email }) => {
    const outcome = await resendVerification(db, { email, ip: requestMeta(await headers()).ip });
    await audit({ type: "verification_resend", outcome: outcome.ok ? "success" : "throttled", email });
    if (!outcome.ok) return refusal(outcome);
    await rememberEmail(email);
    redirect("/register/check-email?resent=1");
  },
  { keep: ["email"] },
);

export const signInWithPassword = formAction(
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
