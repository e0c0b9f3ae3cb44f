"use server";

// The actions of the root layout: the header's sign-out button, on every page.
import { redirect } from "next/navigation";
import { buttonAction } from "@/lib/actions";
import { signOut } from "@/lib/auth/auth";
import { currentSessionId } from "@/lib/auth/current-session";
import { isSignOutUnconfirmed } from "@/lib/auth/end-session";
import { SIGNED_OUT_UNCONFIRMED_PATH } from "@/lib/auth/unavailable";

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
