// One HTTP request as a bench sees it: no redirects followed (a 302/303 is
// an answer to check), the whole body read (a page counts as served when it
// has fully arrived), and the time that took.
import { performance } from "node:perf_hooks";

/** The few cookies one simulated browser holds. */
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  store(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const pair = line.split(";", 1)[0] ?? "";
      const equals = pair.indexOf("=");
      if (equals <= 0) continue;
      const name = pair.slice(0, equals).trim();
      const value = pair.slice(equals + 1).trim();
      // Auth.js clears a cookie by setting it empty with a past expiry
      if (value === "" || /;\s*max-age=0/i.test(line)) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }

  has(name: string): boolean {
    return this.#cookies.has(name);
  }

  header(): string {
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

/** Aborted on Ctrl-C: requests in flight end at once and load loops stop, so the server can stop quickly. */
const interruption = new AbortController();
export const interrupted = interruption.signal;

export function interruptRequests(): void {
  interruption.abort();
}

export type Answer = { status: number; headers: Headers; body: string; ms: number };

export async function send(url: string, init: RequestInit & { jar?: CookieJar } = {}): Promise<Answer> {
  const { jar, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (jar) headers.set("cookie", jar.header());
  const started = performance.now();
  const response = await fetch(url, { ...rest, headers, redirect: "manual", signal: AbortSignal.any([interrupted, AbortSignal.timeout(60_000)]) });
  const body = await response.text();
  const ms = performance.now() - started;
  jar?.store(response.headers);
  return { status: response.status, headers: response.headers, body, ms };
}

/** A short reason for a failed request, to count failures by kind. */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: { code?: string } }).cause?.code;
  return cause ? `${error.message} (${cause})` : error.message;
}
