// SECURITY.md states the defaults people rely on; this keeps its front
// matter equal to the code, so the document cannot drift silently.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { CONFIRM_EMAIL_CHANGE_TTL_MS } from "@/emails/confirm-email-change";
import { VERIFY_EMAIL_TTL_MS } from "@/emails/verify-email";
import { MAX_INPUT_PIXELS } from "@/lib/account/avatar-image";
import { AVATAR_QUEUE_MAX } from "@/lib/account/avatar-queue";
import { AVATAR_UPLOADS } from "@/lib/account/avatar-upload";
import { EMAIL_CHANGE_REQUESTS } from "@/lib/account/change-email";
import { PASSWORD_CHECK_ATTEMPTS } from "@/lib/account/current-password";
import { RESET_REQUESTS_PER_EMAIL, RESET_REQUESTS_PER_IP, RESET_SUBMISSIONS_PER_IP } from "@/lib/account/password-reset";
import { ACCOUNT_EXISTS_NOTICE, REGISTRATIONS_PER_IP } from "@/lib/account/register";
import { RESENDS_PER_IP, VERIFICATION_RESEND } from "@/lib/account/verify-email";
import { perClientShare } from "@/lib/auth/hash-pool";
import { PASSWORD_MAX_LENGTH } from "@/lib/auth/password-policy";
import type { Limit } from "@/lib/auth/rate-limit";
import { earliestLockoutMs } from "@/lib/auth/sign-in-policy";
import { parseEnv } from "@/lib/env";
import { SECURITY_EVENT_TYPES } from "@/lib/security-events";
import { AVATAR_MAX_RATIO, AVATAR_MAX_SIDE } from "@/lib/validation/form-constants";

const document = fs.readFileSync("SECURITY.md", "utf8");

/** The "key: value" lines between the opening --- fences. */
function frontMatter(text: string): Map<string, string> {
  const block = /^---\n([\s\S]*?)\n---\n/.exec(text)?.[1];
  if (!block) throw new Error("SECURITY.md has no front matter");
  const entries = block
    .split("\n")
    .filter((line) => line.trim() && !line.startsWith("#"))
    .map((line) => {
      const [key, ...value] = line.split(":");
      return [key?.trim() ?? "", value.join(":").trim()] as const;
    });
  return new Map(entries);
}

const stated = frontMatter(document);
const defaults = parseEnv({ AUTH_SECRET: "x".repeat(32), PASSWORD_PEPPER: "y".repeat(32) });
const perWindow = (limit: Limit) => `${limit.max} per ${limit.windowMs / 60_000} minutes`;
const HOUR = 60 * 60_000;

describe("The security document (SECURITY.md)", () => {
  it.each([
    ["password_min_length", String(defaults.passwordMinLength)],
    ["password_max_length", String(PASSWORD_MAX_LENGTH)],
    ["bcrypt_cost", String(defaults.bcryptCost)],
    ["password_hash_queue", String(defaults.hashQueueMax)],
    ["password_hash_queue_per_client", String(perClientShare(defaults.hashQueueMax))],
    ["signin_free_failures", String(defaults.signIn.emailFailures)],
    ["signin_backoff_minutes", String(defaults.signIn.backoffBaseMs / 60_000)],
    ["signin_backoff_max_minutes", String(defaults.signIn.backoffMaxMs / 60_000)],
    ["signin_lockout_failures", String(defaults.signIn.lockoutFailures)],
    ["signin_lockout_earliest_hours", String(Math.floor(earliestLockoutMs(defaults.signIn) / HOUR))],
    ["signin_ip_failures_per_minute", String(defaults.signIn.ipFailures)],
    ["password_check_attempts", perWindow(PASSWORD_CHECK_ATTEMPTS)],
    ["email_change_requests", perWindow(EMAIL_CHANGE_REQUESTS)],
    ["verification_resend", perWindow(VERIFICATION_RESEND)],
    ["registrations_per_ip", perWindow(REGISTRATIONS_PER_IP)],
    ["resends_per_ip", perWindow(RESENDS_PER_IP)],
    ["account_exists_notice", perWindow(ACCOUNT_EXISTS_NOTICE)],
    ["reset_requests_per_email", perWindow(RESET_REQUESTS_PER_EMAIL)],
    ["reset_requests_per_ip", perWindow(RESET_REQUESTS_PER_IP)],
    ["reset_submissions_per_ip", perWindow(RESET_SUBMISSIONS_PER_IP)],
    ["avatar_uploads", perWindow(AVATAR_UPLOADS)],
    ["avatar_queue", String(AVATAR_QUEUE_MAX)],
    ["avatar_max_pixels", String(MAX_INPUT_PIXELS)],
    ["avatar_max_side", String(AVATAR_MAX_SIDE)],
    ["avatar_max_ratio", String(AVATAR_MAX_RATIO)],
    ["session_idle_minutes", String(defaults.session.idleMinutes)],
    ["session_max_age_days", String(defaults.session.maxAgeDays)],
    ["sessions_per_user", String(defaults.session.maxPerUser)],
    ["verify_link_hours", String(VERIFY_EMAIL_TTL_MS / HOUR)],
    ["reset_link_minutes", String(defaults.resetTokenTtlMinutes)],
    ["email_change_link_hours", String(CONFIRM_EMAIL_CHANGE_TTL_MS / HOUR)],
  ])("states %s as the code does (%s)", (key, value) => {
    expect(stated.get(key)).toBe(value);
  });

  it("names every security event type the code logs, and no other", () => {
    const section = /## What is logged\n([\s\S]*?)(?=\n## )/.exec(document)?.[1] ?? "";
    const named = /Event types[^:]*:([\s\S]*?)\.\n/.exec(section)?.[1] ?? "";
    expect([...named.matchAll(/`([a-z_]+)`/g)].map(([, type]) => type).sort()).toEqual([...SECURITY_EVENT_TYPES].sort());
  });

  it("records the missing second factor as a deviation, with an owner and a review date", () => {
    expect(stated.get("mfa")).toMatch(/deviation/);
    const deviation = /\*\*No second factor yet\*\*[\s\S]*?(?=\n- \*\*|\n## |$)/.exec(document)?.[0] ?? "";
    expect(deviation).toMatch(/Owner: \S+/);
    expect(deviation).toMatch(/review by \d{4}-\d{2}-\d{2}/);
  });
});
