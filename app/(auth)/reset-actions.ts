"use server";
// Password reset: ask for a link, then set the new password with it.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { appDeps } from "@/lib/account/deps";
import { requestPasswordReset, resetPassword } from "@/lib/account/password-reset";
import { formAction } from "@/lib/actions";
import { describeUserAgent } from "@/lib/auth/device";
import { serverPasswordRules } from "@/lib/auth/password-rules";
import { audit } from "@/lib/auth/audit";
import { requestMeta } from "@/lib/auth/request-meta";
import { db } from "@/lib/db";
import { forgotPasswordSchema, resetPasswordSchema } from "@/lib/validation/password-reset";
import { forgetLinkToken, linkTokenFromCookie } from "@/lib/auth/link-token-cookie";

export const requestReset = formAction(
  forgotPasswordSchema,
  async ({ email }) => {
    await requestPasswordReset(db, { email, ip: requestMeta(await headers()).ip });
    await audit({ type: "password_reset_requested", outcome: "success", email });
    redirect("/forgot-password?sent=1");
  },
  { keep: ["email"] },
);

export const setNewPassword = formAction(
  () => resetPasswordSchema(serverPasswordRules()),
  async ({ password }) => {
    const token = await linkTokenFromCookie("/reset-password");
    if (!token) redirect("/reset-password");
    const { userAgent, ip } = requestMeta(await headers());
    const outcome = await resetPassword(appDeps(), { token, password, device: describeUserAgent(userAgent), ip }, serverPasswordRules());
    const result = outcome.ok ? "success" : outcome.reason === "throttled" ? "throttled" : "failure";
    await audit({ type: "password_reset", outcome: result, userId: outcome.ok ? outcome.userId : null, detail: outcome.ok ? undefined : { reason: outcome.reason } });
    if (outcome.ok) {
      await forgetLinkToken("/reset-password");
      redirect("/login?reset=1");
    }
    if (outcome.reason === "weak") return { ok: false, error: outcome.message, fieldErrors: { password: [outcome.message] } };
    if (outcome.reason === "throttled") return { ok: false, error: "Too many attempts from your network. Wait a minute and try again." };
    // the page explains an expired, used or void link and offers a new one
    redirect("/reset-password");
  },
);
