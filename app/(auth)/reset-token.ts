import { cookies } from "next/headers";
import { RESET_PAGE, RESET_TOKEN_COOKIE } from "./reset-token-cookie";

export async function resetTokenFromCookie(): Promise<string | undefined> {
  const value = (await cookies()).get(RESET_TOKEN_COOKIE)?.value;
  return value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
}

export async function forgetResetToken(): Promise<void> {
  (await cookies()).delete({ name: RESET_TOKEN_COOKIE, path: RESET_PAGE });
}
