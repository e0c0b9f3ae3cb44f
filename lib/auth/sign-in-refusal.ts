// What a refused sign-in is told: locked, or how long to wait. Read after the
// refusal was decided (by the reservation in ./sign-in-throttle.ts), so this
// read only words the answer and never lets an attempt through.
import type { DbClient } from "@/lib/db";
import { limitKey } from "./rate-limit";
import { backoffMs, EMAIL_FAILURES, ipLimit, type SignInAttempt, type SignInPolicy } from "./sign-in-policy";

export type SignInRefusal = { reason: "throttled"; retryAfterSeconds: number } | { reason: "locked" };

export async function refusalOf(db: DbClient, policy: SignInPolicy, attempt: SignInAttempt): Promise<SignInRefusal> {
  const emailKey = limitKey(EMAIL_FAILURES, attempt.email);
  const ipKey = attempt.ip ? limitKey(ipLimit(policy), attempt.ip) : null;
  const rows = await db.rateLimit.findMany({ where: { key: { in: ipKey ? [emailKey, ipKey] : [emailKey] } } });
  const now = Date.now();
  let waitUntil = now;
  const run = rows.find((row) => row.key === emailKey);
  if (run && run.expiresAt.getTime() > now) {
    if (run.count >= policy.lockoutFailures) return { reason: "locked" };
    waitUntil = Math.max(waitUntil, run.windowStart.getTime() + backoffMs(policy, run.count));
  }
  const perIp = rows.find((row) => row.key === ipKey);
  if (perIp && perIp.expiresAt.getTime() > now && perIp.count >= policy.ipFailures) {
    waitUntil = Math.max(waitUntil, perIp.expiresAt.getTime());
  }
  // refused a moment ago, but the slot may have been given back since: still a wait, the shortest one
  return { reason: "throttled", retryAfterSeconds: Math.max(1, Math.ceil((waitUntil - now) / 1000)) };
}
