"use server";
import { signOut } from "@/lib/auth/auth";

/** Ends this browser's session on the server (its row is revoked), then clears the cookie. */
export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
