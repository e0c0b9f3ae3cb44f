// How a deployment sets a rate limit: LIMIT_<NAME>="<count>/<minutes>". Apart
// from lib/auth/rate-limit.ts, which needs the database, so that lib/env.ts
// can check the settings at start without importing the database's module.

export type Limit = { name: string; max: number; windowMs: number };

/** LIMIT_REGISTER_IP for "register-ip": where a deployment may set "<count>/<minutes>". */
export function limitVariable(limit: Pick<Limit, "name">): string {
  return `LIMIT_${limit.name.toUpperCase().replace(/-/g, "_")}`;
}

export const LIMIT_SETTING = /^(\d{1,6})\/(\d{1,6})$/;

/** The limit as this deployment sets it (see limitVariable), or its default. lib/env.ts checks the format at start. */
export function effectiveLimit(limit: Limit, source: Record<string, string | undefined> = process.env): Limit {
  const match = LIMIT_SETTING.exec(source[limitVariable(limit)] ?? "");
  return match ? { name: limit.name, max: Number(match[1]), windowMs: Number(match[2]) * 60_000 } : limit;
}
