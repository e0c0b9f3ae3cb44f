// The sign-in throttle's settings and counters, shared by the reservation
// (./sign-in-throttle.ts) and the wording of a refusal (./sign-in-refusal.ts).
import type { Limit } from "./limit-setting";

export type SignInPolicy = {
  emailFailures: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  lockoutFailures: number;
  ipFailures: number;
};

export type SignInAttempt = { email: string; ip: string | null };

/** A run of failures in a row, not a window: its own counter. */
export const EMAIL_FAILURES = { name: "signin-email" };
export const ipLimit = (policy: SignInPolicy): Limit => ({ name: "signin-ip", max: policy.ipFailures, windowMs: 60_000 });

/** How long the next try must wait after `failures` failures in a row, or 0. */
export function backoffMs(policy: Pick<SignInPolicy, "emailFailures" | "backoffBaseMs" | "backoffMaxMs">, failures: number): number {
  if (failures < policy.emailFailures) return 0;
  return Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** (failures - policy.emailFailures));
}

/**
 * The shortest time in which guessing can lock an address: every failure past the free ones waits out its
 * back-off first (a burst gets no more), so the lockout is reached only after all those waits in a row.
 */
export function earliestLockoutMs(policy: Pick<SignInPolicy, "emailFailures" | "backoffBaseMs" | "backoffMaxMs" | "lockoutFailures">): number {
  let total = 0;
  for (let failures = policy.emailFailures; failures < policy.lockoutFailures; failures++) total += backoffMs(policy, failures);
  return total;
}
