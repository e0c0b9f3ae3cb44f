import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseEnv } from "./env";

const production = {
  NODE_ENV: "production",
  AUTH_SECRET: "s".repeat(32),
  PASSWORD_PEPPER: "p".repeat(32),
  AUTH_URL: "https://accounts.example.com/",
  DATABASE_URL: "postgresql://app@db.internal/app?sslmode=verify-full",
  SMTP_URL: "smtp://mail.internal:587",
  EMAIL_FROM: "Accounts <no-reply@example.com>",
};

describe("parseEnv", () => {
  let cwd: string;
  let dir: string;
  beforeEach(() => {
    cwd = process.cwd();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "env-test-"));
    process.chdir(dir);
  });
  afterEach(() => {
    process.chdir(cwd);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("needs nothing in development: embedded database, local mailbox, a generated secret", () => {
    const env = parseEnv({});
    expect(env.isProduction).toBe(false);
    expect(env.databaseUrl).toBe("pglite:./.data/pglite");
    expect(env.smtpUrl).toBeUndefined();
    expect(env.appUrl).toBe("http://localhost:3000");
    expect(env.authSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("generates the development secrets once and keeps them", () => {
    const first = parseEnv({});
    expect(first.passwordPepper).not.toBe(first.authSecret);
    expect(parseEnv({})).toMatchObject({ authSecret: first.authSecret, passwordPepper: first.passwordPepper });
    expect(fs.readFileSync(path.join(dir, ".data/auth-secret"), "utf8")).toBe(first.authSecret);
    expect(fs.readFileSync(path.join(dir, ".data/password-pepper"), "utf8")).toBe(first.passwordPepper);
  });

  it("keys the security log's address hashes apart from AUTH_SECRET, so rotating the secret does not re-key the log", () => {
    const before = parseEnv(production);
    const rotated = parseEnv({ ...production, AUTH_SECRET: "t".repeat(32) });
    expect(rotated.eventHashKey).toBe(before.eventHashKey);
    expect(before.eventHashKey).not.toBe(before.authSecret);
    expect(before.eventHashKey).not.toBe(before.passwordPepper);
    expect(parseEnv({ ...production, PASSWORD_PEPPER: "q".repeat(32) }).eventHashKey).not.toBe(before.eventHashKey);
  });

  it("accepts a complete production environment and trims the app URL", () => {
    const env = parseEnv(production);
    expect(env.isProduction).toBe(true);
    expect(env.appUrl).toBe("https://accounts.example.com");
    expect(fs.existsSync(path.join(dir, ".data"))).toBe(false);
  });

  it.each(["AUTH_SECRET", "PASSWORD_PEPPER", "AUTH_URL", "DATABASE_URL", "SMTP_URL", "EMAIL_FROM"] as const)("stops a production start without %s, naming it", (name) => {
    expect(() => parseEnv({ ...production, [name]: undefined })).toThrow(new RegExp(`production: ${name}\\.`));
    expect(() => parseEnv({ ...production, [name]: "" })).toThrow(name);
  });

  it("names every missing variable at once", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow("AUTH_SECRET, PASSWORD_PEPPER, AUTH_URL, DATABASE_URL, SMTP_URL, EMAIL_FROM");
  });

  it("insists on https in production, except on this machine", () => {
    expect(() => parseEnv({ ...production, AUTH_URL: "http://accounts.example.com" })).toThrow("AUTH_URL must use https://");
    expect(parseEnv({ ...production, AUTH_URL: "http://127.0.0.1:3000" }).secureCookies).toBe(false);
    expect(parseEnv(production).secureCookies).toBe(true);
  });

  it("reads rotated session secrets newest first: AUTH_SECRET seals, AUTH_SECRET_1..3 still open", () => {
    const env = parseEnv({ ...production, AUTH_SECRET_1: "1".repeat(32), AUTH_SECRET_3: "3".repeat(32) });
    expect(env.authSecret).toBe("s".repeat(32));
    expect(env.authSecrets).toEqual(["s".repeat(32), "1".repeat(32), "3".repeat(32)]);
    expect(parseEnv(production).authSecrets).toEqual(["s".repeat(32)]);
  });

  it("lets `next build` run without production secrets", () => {
    expect(parseEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" }).isProduction).toBe(false);
  });

  it.each([
    ["DATABASE_URL", "mysql://x"],
    ["AUTH_SECRET", "short"],
    ["AUTH_SECRET_1", "short"],
    ["ALLOW_PLAINTEXT_DB", "yes"],
    ["AUTH_URL", "not a url"],
    ["SMTP_URL", "http://mail"],
    ["DB_POOL_SIZE", "0"],
    ["DB_STATEMENT_TIMEOUT_MS", "10"],
    ["PASSWORD_MIN_LENGTH", "7"],
    ["BCRYPT_COST", "9"],
  ])("rejects a malformed %s, naming it", (name, value) => {
    expect(() => parseEnv({ ...production, [name]: value })).toThrow(name);
  });

  it("reads numeric settings", () => {
    const env = parseEnv({ DB_POOL_SIZE: "4", MAIL_MAX_ATTEMPTS: "3", MAIL_WORKER: "off", MAIL_LEASE_MS: "5000" });
    expect(env.dbPoolSize).toBe(4);
    expect(parseEnv({ DB_STATEMENT_TIMEOUT_MS: "2500" }).dbStatementTimeoutMs).toBe(2500);
    expect(parseEnv({}).dbStatementTimeoutMs).toBe(5_000);
    expect(env.mail.maxAttempts).toBe(3);
    expect(env.mail.leaseMs).toBe(5000);
    expect(parseEnv({}).mail.leaseMs).toBe(60_000);
    expect(env.mail.worker).toBe(false);
  });
});
