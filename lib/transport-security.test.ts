// Item 67: in production, PostgreSQL and SMTP across a network use TLS that
// checks the certificate, unless an operator opts out by name.
import { describe, expect, it } from "vitest";
import { pgPoolConfig } from "./db-adapter";
import { parseEnv } from "./env";
import { isLoopbackHost, smtpTlsOptions } from "./transport-security";

const production = {
  NODE_ENV: "production",
  AUTH_SECRET: "s".repeat(32),
  PASSWORD_PEPPER: "p".repeat(32),
  AUTH_URL: "https://accounts.example.com",
  DATABASE_URL: "postgresql://app:pw@db.internal:5432/app?sslmode=verify-full",
  SMTP_URL: "smtps://app:pw@mail.example.com:465",
  EMAIL_FROM: "Accounts <no-reply@example.com>",
};

describe("the production configuration factory", () => {
  it.each([
    "postgresql://app:pw@db.internal:5432/app",
    "postgresql://app:pw@db.internal:5432/app?sslmode=disable",
    "postgresql://app:pw@db.internal:5432/app?sslmode=prefer",
    // encrypted, but to whoever answers: pg gets ssl.rejectUnauthorized false
    "postgresql://app:pw@db.internal:5432/app?sslmode=require",
    "postgres://app@10.0.0.5/app",
    "postgresql://app@localhost/app?host=db.internal",
  ])("refuses a database across the network without verified TLS: %s", (url) => {
    expect(() => parseEnv({ ...production, DATABASE_URL: url })).toThrow(/DATABASE_URL .*sslmode=verify-full.*ALLOW_PLAINTEXT_DB=1/);
  });

  it.each(["smtp://mail.example.com:587?ignoreTLS=true", "smtps://mail.example.com:465?tls.rejectUnauthorized=false", "smtp://mail.example.com:587?secure=false"])(
    "refuses SMTP options that turn TLS or its certificate check off: %s",
    (url) => {
      expect(() => parseEnv({ ...production, SMTP_URL: url })).toThrow(/SMTP_URL .*ALLOW_PLAINTEXT_SMTP=1/);
    },
  );

  it("refuses a URL that does not parse, without a crash", () => {
    expect(() => parseEnv({ ...production, DATABASE_URL: "postgresql://a b@/x" })).toThrow("DATABASE_URL is not a valid URL");
  });

  it("names both problems at once", () => {
    expect(() => parseEnv({ ...production, DATABASE_URL: "postgresql://db.internal/app", SMTP_URL: "smtp://mail.internal?ignoreTLS=true" })).toThrow(/DATABASE_URL.*SMTP_URL/);
  });

  it.each([
    "postgresql://postgres@127.0.0.1:5432/app",
    "postgresql://postgres@localhost/app",
    "postgresql://postgres@[::1]:5432/app",
    "postgresql://postgres@localhost/app?host=/var/run/postgresql",
    "pglite:./.data/pglite",
  ])("allows an unencrypted database on this machine: %s", (url) => {
    expect(parseEnv({ ...production, DATABASE_URL: url }).databaseUrl).toBe(url);
  });

  it("allows plain text to another host only when told so by name", () => {
    const plain = { ...production, DATABASE_URL: "postgresql://app@db.internal/app", SMTP_URL: "smtp://mail.internal:25?ignoreTLS=true" };
    expect(parseEnv({ ...plain, ALLOW_PLAINTEXT_DB: "1", ALLOW_PLAINTEXT_SMTP: "1" }).isProduction).toBe(true);
    expect(() => parseEnv({ ...plain, ALLOW_PLAINTEXT_DB: "1" })).toThrow("SMTP_URL");
    expect(() => parseEnv({ ...plain, ALLOW_PLAINTEXT_SMTP: "1" })).toThrow("DATABASE_URL");
    expect(() => parseEnv({ ...plain, ALLOW_PLAINTEXT_DB: "0", ALLOW_PLAINTEXT_SMTP: "0" })).toThrow(/DATABASE_URL.*SMTP_URL/);
  });

  it("gives the pg pool a certificate check under sslmode=verify-full", () => {
    expect(pgPoolConfig(production.DATABASE_URL).ssl).toEqual({ rejectUnauthorized: true });
  });

  it("demands STARTTLS on smtp:// to another host, and always checks certificates", () => {
    const smtpStarttls = parseEnv({ ...production, SMTP_URL: "smtp://app:pw@mail.example.com:587" }).smtpTls;
    expect(smtpStarttls).toEqual({ requireTLS: true, tls: { rejectUnauthorized: true } });
    expect(parseEnv(production).smtpTls).toEqual({ requireTLS: false, tls: { rejectUnauthorized: true } }); // smtps: TLS from the first byte
    expect(parseEnv({ ...production, SMTP_URL: "smtp://127.0.0.1:2525" }).smtpTls?.requireTLS).toBe(false);
    expect(parseEnv({ ...production, SMTP_URL: "smtp://mail.internal:25", ALLOW_PLAINTEXT_SMTP: "1" }).smtpTls?.requireTLS).toBe(false);
    // the default for callers without a parsed environment is the strict one
    expect(smtpTlsOptions("smtp://mail.example.com:587", false).requireTLS).toBe(true);
  });

  it("knows this machine's names", () => {
    for (const host of ["localhost", "127.0.0.1", "127.1.2.3", "[::1]", "::1", "/tmp/.s.PGSQL.5432"]) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ["db.internal", "10.0.0.1", "128.0.0.1", "localhost.example.com", "[::2]"]) expect(isLoopbackHost(host)).toBe(false);
  });
});
