import "server-only";
// The signed-in person, for pages and actions. Every page and action of the
// signed-in zone checks through here itself; proxy.ts only saves a round trip.
import { redirect } from "next/navigation";
import { cache } from "react";
import { db } from "@/lib/db";
import { auth } from "./auth";
import { currentSessionId } from "./current-session";

/**
 * The signed-in user's own minimal fields, or null. Fails closed. Cached for
 * one request: the header, the layout and the page all ask.
 */
export const currentUser = cache(async function currentUser() {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  return db.user.findUnique({
    where: { id },
    select: { id: true, name: true, email: true, emailVerified: true, pendingEmail: true, bio: true, image: true, createdAt: true },
  });
});

export async function requireUser(returnTo = "/profile") {
  const user = await currentUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

/** For actions: the signed-in user and this browser's session id, or off to sign in. */
export async function requireSession(returnTo: string) {
  const [user, sessionId] = await Promise.all([currentUser(), currentSessionId()]);
  if (!user || !sessionId) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  return { user, sessionId };
}

/** Sign-in and registration pages send signed-in people to their profile. */
export async function redirectIfSignedIn(): Promise<void> {
  if (await currentUser()) redirect("/profile");
}
