"use server";

// Asking for a password reset link: the same answer, and nothing changed,
// whether or not the address has an account.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { requestPasswordReset } from "@/lib/account/password-reset";
import { formAction } from "@/lib/actions";
import { audit } from "@/lib/auth/audit";
import { requestMeta } from "@/lib/auth/request-meta";
import { db } from "@/lib/db";
import { forgotPasswordSchema } from "@/lib/validation/password-reset";

export const requestPasswordResetAction = formAction(
  forgotPasswordSchema,
  async ({ email }) => {
    await requestPasswordReset(db, { email, ip: requestMeta(await headers()).ip });
    await audit({ type: "password_reset_requested", outcome: "success", email });
    redirect("/forgot-password?sent=1");
  },
  { keep: ["email"] },
);
