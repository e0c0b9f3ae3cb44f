// Caps per client IP on the signed-out forms that send mail, on top of each
// form's per-address limit: one network cannot make us mail many inboxes.
import { hitLimit, type Limit } from "@/lib/auth/rate-limit";
import type { DbClient } from "@/lib/db";

export const REGISTRATIONS_PER_IP: Limit = { name: "register-ip", max: 10, windowMs: 60 * 60_000 };
export const RESENDS_PER_IP: Limit = { name: "verify-resend-ip", max: 10, windowMs: 60 * 60_000 };

/** How every per-IP refusal begins; the load test recognises the answer by it. */
export const TOO_MANY_FROM_NETWORK = "Too many requests from your network.";

/** null when the IP may go on (or is unknown); otherwise the message to show. */
export async function ipLimitMessage(db: DbClient, limit: Limit, ip: string | null): Promise<string | null> {
  if (!ip) return null;
  const { allowed, retryAfterSeconds } = await hitLimit(db, limit, ip);
  if (allowed) return null;
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return `${TOO_MANY_FROM_NETWORK} Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
