// The address this browser last registered or asked a link for, remembered in
// this browser only, so the check-your-inbox page can say where the link went.
import { cookies } from "next/headers";
import { env } from "@/lib/env";
import { emailSchema } from "@/lib/validation/email";

const REGISTERED_EMAIL_COOKIE = "registered-email";

export async function rememberEmail(email: string): Promise<void> {
  (await cookies()).set(REGISTERED_EMAIL_COOKIE, email, {
    httpOnly: true,
    sameSite: "lax",
    secure: env().secureCookies,
    path: "/",
    maxAge: 60 * 60,
  });
}

/** The address this browser last registered or asked a link for, if any. */
export async function registeredEmail(): Promise<string | undefined> {
  const parsed = emailSchema.safeParse((await cookies()).get(REGISTERED_EMAIL_COOKIE)?.value);
  return parsed.success ? parsed.data : undefined;
}
