"use server";
// The signed-in zone's actions. Each checks the session itself: a page's
// check does not cover the actions it renders.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { changePassword } from "@/lib/account/change-password";
import { appDeps } from "@/lib/account/deps";
import { buttonAction, formAction, refusal } from "@/lib/actions";
import { renewSessionId, signOut } from "@/lib/auth/auth";
import { audit, outcomeOf } from "@/lib/auth/audit";
import { currentSessionId } from "@/lib/auth/current-session";
import { requireSession } from "@/lib/auth/current-user";
import { describeUserAgent } from "@/lib/auth/device";
import { isSignOutUnconfirmed } from "@/lib/auth/end-session";
import { serverPasswordRules } from "@/lib/auth/password-rules";
import { requestMeta } from "@/lib/auth/request-meta";
import { SIGNED_OUT_UNCONFIRMED_PATH } from "@/lib/auth/unavailable";
import { changePasswordSchema } from "@/lib/validation/password-reset";

/**
 * Ends this browser's session: Auth.js clears the cookie, and its signOut
 * event revokes the row, or, while the database does not answer, keeps
 * trying (lib/auth/end-session.ts), which the page it lands on says.
 */
export const signOutAction = buttonAction(async () => {
  const sid = await currentSessionId();
  // where to go is decided below; "/" only keeps Auth.js from reading a callback address from the Referer
  await signOut({ redirectTo: "/", redirect: false });
  redirect(sid && isSignOutUnconfirmed(sid) ? SIGNED_OUT_UNCONFIRMED_PATH : "/");
});

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
