// The settings every test server runs with. One function, so the worker's
// app and the extra instances a spec starts differ only where a spec says.
import { randomBytes } from "node:crypto";
import type { ServerMode } from "./app-server";

/** Secrets that instances sharing one database must share too. */
export function sharedSecrets() {
  return { AUTH_SECRET: randomBytes(32).toString("base64url"), PASSWORD_PEPPER: randomBytes(32).toString("base64url") };
}

/**
 * Every client of a server on loopback is 127.0.0.1: per-IP caps would make
 * the tests each other's neighbours, and turn a benchmark's or load test's
 * clients into one network that is refused after a few tries. Lifted out of
 * reach (the sign-in one to its maximum); the per-address limits stay as they are.
 */
export const LOOPBACK_CLIENT_LIMITS: Record<string, string> = {
  SIGNIN_IP_FAILURES_PER_MINUTE: "1000",
  LIMIT_REGISTER_IP: "100000/60",
  LIMIT_VERIFY_RESEND_IP: "100000/60",
  LIMIT_RESET_IP: "100000/1",
  LIMIT_RESET_SUBMIT_IP: "100000/1",
};

export function appEnv(options: {
  baseURL: string;
  databaseUrl: string;
  mode: ServerMode;
  smtpUrl: string;
  mailboxDir?: string;
  secrets?: ReturnType<typeof sharedSecrets>;
}): Record<string, string> {
  return {
    DATABASE_URL: options.databaseUrl,
    ...(options.secrets ?? sharedSecrets()),
    AUTH_URL: options.baseURL,
    EMAIL_FROM: "Accounts <no-reply@accounts.test>",
    // the lowest cost the settings allow: every journey hashes, and CI has two cores
    BCRYPT_COST: "10",
    MAIL_POLL_MS: "250",
    ...LOOPBACK_CLIENT_LIMITS,
    MAIL_RETRY_BASE_MS: "500",
    MAIL_RETRY_MAX_MS: "2000",
    // at these short waits, eight attempts pass in 12 s; an outage test needs longer (dead letters have their own)
    MAIL_MAX_ATTEMPTS: "30",
    ...(options.mode === "production" || !options.mailboxDir ? { SMTP_URL: options.smtpUrl } : { MAILBOX_DIR: options.mailboxDir }),
  };
}
