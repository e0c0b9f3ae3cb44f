import "server-only";
// This browser's session id, read from its own cookie. It never appears in
// the session object Auth.js hands to the browser.
import { cookies } from "next/headers";
import { decode } from "next-auth/jwt";
import { env } from "@/lib/env";
import { sessionCookieName } from "./auth";

export async function currentSessionId(): Promise<string | null> {
  const { secureCookies, authSecrets } = env();
  const name = sessionCookieName(secureCookies);
  const cookie = (await cookies()).get(name)?.value;
  if (!cookie) return null;
  try {
    // Auth.js salts the cookie's encryption key with the cookie's name; a cookie sealed before a rotation opens with an older secret
    const token = await decode({ token: cookie, secret: authSecrets, salt: name });
    return typeof token?.sid === "string" ? token.sid : null;
  } catch {
    return null;
  }
}
