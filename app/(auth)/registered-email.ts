import { cookies } from "next/headers";
import { emailSchema } from "@/lib/validation/email";

export const REGISTERED_EMAIL_COOKIE = "registered-email";

/** The address this browser last registered or asked a link for, if any. */
export async function registeredEmail(): Promise<string | undefined> {
  const parsed = emailSchema.safeParse((await cookies()).get(REGISTERED_EMAIL_COOKIE)?.value);
  return parsed.success ? parsed.data : undefined;
}
