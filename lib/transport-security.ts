// Production talks to PostgreSQL and SMTP over TLS that checks the server's
// certificate, unless the server is on this machine (nothing crosses a
// network) or an operator opted out in so many words (ALLOW_PLAINTEXT_DB /
// ALLOW_PLAINTEXT_SMTP). Plain functions of the URL, so lib/env.ts can refuse
// a bad configuration at start and lib/mail.ts can build the transport.

/** URL.parse() is not in Node 20, which package.json still allows. */
function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

/** localhost, 127.0.0.0/8, ::1, or a Unix socket path. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  return bare === "localhost" || bare === "::1" || /^127(\.\d{1,3}){3}$/.test(bare) || bare.startsWith("/");
}

/** The database server a postgresql:// URL names (its `host` parameter wins, as in libpq). */
function databaseHost(url: URL): string {
  return url.searchParams.get("host") || decodeURIComponent(url.hostname) || "localhost";
}

/**
 * Why a DATABASE_URL would send data unprotected, or undefined if it does not.
 * Only sslmode=verify-full (or verify-ca, which pg also checks the host name
 * under) makes lib/db-adapter.ts give the pool `ssl.rejectUnauthorized: true`.
 */
export function databaseTransportProblem(databaseUrl: string): string | undefined {
  if (databaseUrl.startsWith("pglite:")) return undefined;
  const url = parseUrl(databaseUrl);
  if (url === null) return "DATABASE_URL is not a valid URL.";
  if (isLoopbackHost(databaseHost(url))) return undefined;
  const sslmode = url.searchParams.get("sslmode");
  if (sslmode === "verify-full" || sslmode === "verify-ca") return undefined;
  return `DATABASE_URL reaches ${databaseHost(url)} with sslmode=${sslmode ?? "(unset)"}: use sslmode=verify-full, or set ALLOW_PLAINTEXT_DB=1 to accept an unverified connection.`;
}

// nodemailer reads options from the URL's query (e.g. ?tls.rejectUnauthorized=false), and they would win over ours
const UNSAFE_SMTP_OPTIONS = ["ignoreTLS", "tls.rejectUnauthorized", "secure", "requireTLS"];

/**
 * Why an SMTP_URL would send mail unprotected, or undefined if it does not.
 * smtp:// to another host is fine: the transport then demands STARTTLS (smtpTlsOptions).
 */
export function smtpTransportProblem(smtpUrl: string): string | undefined {
  const url = parseUrl(smtpUrl);
  if (url === null) return "SMTP_URL is not a valid URL.";
  if (isLoopbackHost(decodeURIComponent(url.hostname))) return undefined;
  const unsafe = UNSAFE_SMTP_OPTIONS.filter((name) => url.searchParams.has(name));
  if (unsafe.length === 0) return undefined;
  return `SMTP_URL to ${url.hostname} sets ${unsafe.join(", ")}: the app chooses TLS itself (smtps://, or STARTTLS required on smtp://); remove them, or set ALLOW_PLAINTEXT_SMTP=1.`;
}

/** The TLS options for nodemailer: certificates always checked, STARTTLS required unless the host is local or plain text was allowed. */
export function smtpTlsOptions(smtpUrl: string, allowPlaintext: boolean): { requireTLS: boolean; tls: { rejectUnauthorized: true } } {
  const url = parseUrl(smtpUrl);
  if (url === null) return { requireTLS: !allowPlaintext, tls: { rejectUnauthorized: true } };
  const implicitTls = url.protocol === "smtps:";
  const local = isLoopbackHost(decodeURIComponent(url.hostname));
  return { requireTLS: !implicitTls && !local && !allowPlaintext, tls: { rejectUnauthorized: true } };
}
