// The environment, parsed once with zod. Development and tests need nothing
// set; a production server refuses to start without what it cannot guess.
import { hkdfSync, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { APP_NAME } from "./app-name";
import { LIMIT_SETTING } from "./auth/limit-setting";
import type { SignInPolicy } from "./auth/sign-in-policy";
import { DEFAULT_DATABASE_URL } from "./db-adapter";
import { parseTrustedProxies, type TrustedProxies } from "./http/client-address";
import { databaseTransportProblem, smtpTlsOptions, smtpTransportProblem } from "./transport-security";

const DEV_SECRET_DIR = ".data";

const databaseUrl = z.string().refine((url) => /^(postgres(ql)?:\/\/|pglite:)/.test(url), "must start with postgresql:// or pglite:");

const secret = z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)");
const optIn = z.enum(["0", "1"]).default("0");

const integer = (min: number, fallback: number) => z.coerce.number().int().min(min).default(fallback);

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: databaseUrl.optional(),
  AUTH_SECRET: secret.optional(),
  // earlier secrets, still accepted for reading a cookie while sessions move to the new one
  AUTH_SECRET_1: secret.optional(),
  AUTH_SECRET_2: secret.optional(),
  AUTH_SECRET_3: secret.optional(),
  AUTH_URL: z.url().optional(),
  PASSWORD_PEPPER: z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)").optional(),
  PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8).max(64).default(12),
  BCRYPT_COST: z.coerce.number().int().min(10).max(15).default(12),
  PASSWORD_HASH_QUEUE: integer(1, 64),
  SESSION_IDLE_MINUTES: integer(5, 24 * 60),
  SESSION_MAX_AGE_DAYS: integer(1, 30),
  SESSIONS_PER_USER: integer(1, 10),
  SIGNIN_FREE_FAILURES: z.coerce.number().int().min(1).max(20).default(5),
  SIGNIN_BACKOFF_MINUTES: z.coerce.number().int().min(1).max(60).default(5),
  SIGNIN_BACKOFF_MAX_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
  SIGNIN_LOCKOUT_FAILURES: z.coerce.number().int().min(10).max(100).default(100),
  SIGNIN_IP_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(10),
  RESET_TOKEN_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(60),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional(),
  ALLOW_PLAINTEXT_DB: optIn,
  ALLOW_PLAINTEXT_SMTP: optIn,
  EMAIL_FROM: z.string().min(3).optional(),
  MAILBOX_DIR: z.string().default(".data/mailbox"),
  DB_POOL_SIZE: integer(1, 10),
  DB_CONNECT_TIMEOUT_MS: integer(100, 5_000),
  DB_STATEMENT_TIMEOUT_MS: integer(100, 5_000),
  MAIL_WORKER: z.enum(["on", "off"]).default("on"),
  MAIL_POLL_MS: integer(50, 2_000),
  MAIL_RETRY_BASE_MS: integer(10, 30_000),
  MAIL_RETRY_MAX_MS: integer(10, 3_600_000),
  MAIL_MAX_ATTEMPTS: integer(1, 8),
  MAIL_LEASE_MS: integer(1_000, 60_000),
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((list, context) => {
      try {
        return parseTrustedProxies(list);
      } catch (error) {
        context.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    }),
});

/** Unset in development; a production server must be told these. */
const REQUIRED_IN_PRODUCTION = ["AUTH_SECRET", "PASSWORD_PEPPER", "AUTH_URL", "DATABASE_URL", "SMTP_URL", "EMAIL_FROM"] as const;

export type Env = {
  isProduction: boolean;
  databaseUrl: string;
  /** the newest session secret: it seals every cookie */
  authSecret: string;
  /** the newest first, then AUTH_SECRET_1..3: a cookie sealed with any of them is read */
  authSecrets: string[];
  /** HMAC key of the password pre-hash; kept outside the database */
  passwordPepper: string;
  /** keys the address hashes in security events; derived from the pepper, so rotating AUTH_SECRET leaves the log's hashes comparable */
  eventHashKey: string;
  passwordMinLength: number;
  bcryptCost: number;
  /** hashes that may wait for a thread before sign-ins are told to try again */
  hashQueueMax: number;
  session: { idleMinutes: number; maxAgeDays: number; maxPerUser: number };
  resetTokenTtlMinutes: number;
  signIn: SignInPolicy;
  /** the canonical origin for links, redirects and emails, without a trailing slash */
  appUrl: string;
  /** served over HTTPS: cookies are Secure and session cookies take the __Host- prefix */
  secureCookies: boolean;
  /** unset means: deliver into the local mailbox (development only) */
  smtpUrl: string | undefined;
  /** STARTTLS is demanded on smtp:// to another host (unless ALLOW_PLAINTEXT_SMTP=1); certificates are always checked */
  smtpTls: { requireTLS: boolean; tls: { rejectUnauthorized: true } } | undefined;
  emailFrom: string;
  mailboxDir: string;
  dbPoolSize: number;
  dbConnectTimeoutMs: number;
  /** PostgreSQL cancels a statement that runs longer */
  dbStatementTimeoutMs: number;
  mail: { worker: boolean; pollMs: number; retryBaseMs: number; retryMaxMs: number; maxAttempts: number; leaseMs: number };
  /** proxies whose X-Forwarded-* headers are believed; nobody's by default */
  trustedProxies: TrustedProxies;
};

export class EnvError extends Error {
  override name = "EnvError";
}

/** Parses a given environment; exported for tests, the app calls env(). */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // an empty value counts as unset, as in most deployment tools
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
    throw new EnvError(`Invalid environment: ${problems.join("; ")}`);
  }
  const vars = parsed.data;
  const badLimits = Object.keys(present).filter((name) => name.startsWith("LIMIT_") && !LIMIT_SETTING.test(present[name] ?? ""));
  if (badLimits.length > 0) throw new EnvError(`Invalid environment: ${badLimits.join(", ")} must look like <count>/<minutes>, e.g. 10/60`);
  // `next build` runs with NODE_ENV=production but is not a server start
  const isProduction = vars.NODE_ENV === "production" && source.NEXT_PHASE !== "phase-production-build";
  if (isProduction) {
    const missing = REQUIRED_IN_PRODUCTION.filter((name) => vars[name] === undefined);
    if (missing.length > 0) {
      throw new EnvError(`Missing environment variable${missing.length > 1 ? "s" : ""} for production: ${missing.join(", ")}. See .env.example.`);
    }
    // cookies and links must not travel in clear text, except on this machine
    const appUrl = new URL(vars.AUTH_URL ?? "");
    if (appUrl.protocol !== "https:" && !["localhost", "127.0.0.1", "[::1]"].includes(appUrl.hostname)) {
      throw new EnvError("AUTH_URL must use https:// in production (http:// is accepted for localhost only).");
    }
    // what crosses a network is encrypted, and to the right server, unless an operator says otherwise
    const problems = [
      vars.ALLOW_PLAINTEXT_DB === "1" ? undefined : databaseTransportProblem(vars.DATABASE_URL ?? ""),
      vars.ALLOW_PLAINTEXT_SMTP === "1" ? undefined : smtpTransportProblem(vars.SMTP_URL ?? ""),
    ].filter((problem) => problem !== undefined);
    if (problems.length > 0) throw new EnvError(problems.join(" "));
  }
  const authSecret = vars.AUTH_SECRET ?? developmentSecret("auth-secret");
  const pepper = vars.PASSWORD_PEPPER ?? developmentSecret("password-pepper");
  return {
    isProduction,
    databaseUrl: vars.DATABASE_URL ?? DEFAULT_DATABASE_URL,
    authSecret,
    authSecrets: [authSecret, vars.AUTH_SECRET_1, vars.AUTH_SECRET_2, vars.AUTH_SECRET_3].filter((value) => value !== undefined),
    passwordPepper: pepper,
    eventHashKey: eventHashKeyFrom(pepper),
    passwordMinLength: vars.PASSWORD_MIN_LENGTH,
    bcryptCost: vars.BCRYPT_COST,
    hashQueueMax: vars.PASSWORD_HASH_QUEUE,
    session: { idleMinutes: vars.SESSION_IDLE_MINUTES, maxAgeDays: vars.SESSION_MAX_AGE_DAYS, maxPerUser: vars.SESSIONS_PER_USER },
    resetTokenTtlMinutes: vars.RESET_TOKEN_TTL_MINUTES,
    signIn: {
      emailFailures: vars.SIGNIN_FREE_FAILURES,
      backoffBaseMs: vars.SIGNIN_BACKOFF_MINUTES * 60_000,
      backoffMaxMs: Math.max(vars.SIGNIN_BACKOFF_MINUTES, vars.SIGNIN_BACKOFF_MAX_MINUTES) * 60_000,
      lockoutFailures: vars.SIGNIN_LOCKOUT_FAILURES,
      ipFailures: vars.SIGNIN_IP_FAILURES_PER_MINUTE,
    },
    appUrl: (vars.AUTH_URL ?? "http://localhost:3000").replace(/\/+$/, ""),
    secureCookies: (vars.AUTH_URL ?? "").startsWith("https://"),
    smtpUrl: vars.SMTP_URL,
    smtpTls: vars.SMTP_URL === undefined ? undefined : smtpTlsOptions(vars.SMTP_URL, !isProduction || vars.ALLOW_PLAINTEXT_SMTP === "1"),
    emailFrom: vars.EMAIL_FROM ?? `${APP_NAME} <no-reply@localhost>`,
    mailboxDir: path.resolve(/*turbopackIgnore: true*/ vars.MAILBOX_DIR),
    dbPoolSize: vars.DB_POOL_SIZE,
    dbConnectTimeoutMs: vars.DB_CONNECT_TIMEOUT_MS,
    dbStatementTimeoutMs: vars.DB_STATEMENT_TIMEOUT_MS,
    mail: {
      worker: vars.MAIL_WORKER === "on",
      pollMs: vars.MAIL_POLL_MS,
      retryBaseMs: vars.MAIL_RETRY_BASE_MS,
      retryMaxMs: vars.MAIL_RETRY_MAX_MS,
      maxAttempts: vars.MAIL_MAX_ATTEMPTS,
      leaseMs: vars.MAIL_LEASE_MS,
    },
    trustedProxies: vars.TRUSTED_PROXIES,
  };
}

/**
 * The security log's address-hash key: HKDF of the pepper, with its own label, so
 * the pepper itself never keys anything but passwords. The pepper is never rotated
 * (that would void every password), which keeps the log's hashes stable.
 */
export function eventHashKeyFrom(pepper: string): string {
  return Buffer.from(hkdfSync("sha256", pepper, "", "security-event-email-hash", 32)).toString("base64url");
}

/** Generated once per checkout and kept out of git, so dev sessions survive restarts. */
function developmentSecret(name: string): string {
  const file = path.resolve(/*turbopackIgnore: true*/ DEV_SECRET_DIR, name);
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    const secret = randomBytes(32).toString("base64url");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, secret, { flag: "wx", mode: 0o600 });
      return secret;
    } catch {
      return fs.readFileSync(file, "utf8").trim(); // another process wrote it first
    }
  }
}

let cached: Env | undefined;

/** The process environment, parsed on first use. */
export function env(): Env {
  return (cached ??= parseEnv(process.env));
}

/** For a process that cannot run without it: the environment, or its problem printed and exit code 1. */
export function envOrExit(): Env {
  try {
    return env();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
