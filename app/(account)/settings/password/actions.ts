"use server";

// Changing the password while signed in. The action checks the session
// itself: the page's check does not cover the actions it renders.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { changePassword } from "@/lib/account/change-password";
import { appDeps } from "@/lib/account/deps";
import { formAction, refusal } from "@/lib/actions";
import { audit, outcomeOf } from "@/lib/auth/audit";
import { renewSessionId } from "@/lib/auth/auth";
import { requireSession } from "@/lib/auth/current-user";
import { describeUserAgent } from "@/lib/auth/device";
import { serverPasswordRules } from "@/lib/auth/password-rules";
import { requestMeta } from "@/lib/auth/request-meta";
import { changePasswordSchema } from "@/lib/validation/password-reset";

export const changePasswordAction = formAction(
  () => changePasswordSchema(serverPasswordRules()),
  async ({ currentPassword, password }) => {
    const { user, sessionId } = await requireSession("/settings/password");
    const device = describeUserAgent(requestMeta(await headers()).userAgent);
    const outcome = await changePassword(appDeps(), { userId: user.id, sessionId, currentPassword, password, device }, serverPasswordRules());
    await audit({ type: "password_changed", outcome: outcomeOf(outcome), userId: user.id });
    if (!outcome.ok) return refusal(outcome);
    // a session id that worked with the old password (copied, say, while the password was known to someone else) stops here
    await renewSessionId();
    redirect("/settings/password?changed=1");
  },
);
