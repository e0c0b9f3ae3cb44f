import "server-only";
import { decode } from "next-auth/jwt";
// This browser's session id, read from its own cookie. It never appears in
// the session object Auth.js hands to the browser.
import { cookies } from "next/headers";
import { env } from "@/lib/env";
import { sessionCookieName } from "./session-cookie";

/** The session id and user id this browser's cookie names, if it decodes. */
export async function currentSessionClaims(): Promise<{ sid: string; userId: string | null } | null> {
  const { secureCookies, authSecrets } = env();
  const name = sessionCookieName(secureCookies);
  const cookie = (await cookies()).get(name)?.value;
  if (!cookie) return null;
  try {
    // Auth.js salts the cookie's encryption key with the cookie's name; a cookie sealed before a rotation opens with an older secret
    const token = await decode({ token: cookie, secret: authSecrets, salt: name });
    if (typeof token?.sid !== "string") return null;
    return { sid: token.sid, userId: typeof token.sub === "string" ? token.sub : null };
  } catch {
    return null;
  }
}

export async function currentSessionId(): Promise<string | null> {
  return (await currentSessionClaims())?.sid ?? null;
}
