// Who is asking, for the session list and the logs.
// The IP is the nearest hop Next.js saw; trusting forwarded headers only
// behind a configured proxy is the throttling work's job.
export type RequestMeta = { userAgent: string | null; ip: string | null };

export function requestMeta(headers: Headers): RequestMeta {
  const forwarded = headers.get("x-forwarded-for")?.split(",").at(-1)?.trim();
  return {
    userAgent: headers.get("user-agent")?.slice(0, 512) ?? null,
    ip: forwarded ? forwarded.slice(0, 64) : null,
  };
}
