// How a per-IP limit on a signed-out form that sends mail answers, on top of
// each form's per-address limit: one network cannot make us mail many
// inboxes. Each use-case owns its limit (register.ts, verify-email.ts).
import { hitLimit, type Limit } from "@/lib/auth/rate-limit";
import type { DbClient } from "@/lib/db";

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
