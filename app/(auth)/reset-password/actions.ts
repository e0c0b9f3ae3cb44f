"use server";

// Setting a new password with the token the reset link left in a cookie.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { appDeps } from "@/lib/account/deps";
import { resetPassword } from "@/lib/account/password-reset";
import { formAction } from "@/lib/actions";
import { audit } from "@/lib/auth/audit";
import { describeUserAgent } from "@/lib/auth/device";
import { forgetLinkToken, linkTokenFromCookie } from "@/lib/auth/link-token-cookie";
import { serverPasswordRules } from "@/lib/auth/password-rules";
import { requestMeta } from "@/lib/auth/request-meta";
import { resetPasswordSchema } from "@/lib/validation/password-reset";

export const setNewPasswordAction = formAction(
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
