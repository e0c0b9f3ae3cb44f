// Fixed-window counters in the database, so every app instance enforces one
// limit. Each hit is a single atomic upsert: never read-then-write.
import { createHash } from "node:crypto";
import type { DbClient } from "@/lib/db";
import { effectiveLimit, type Limit } from "./limit-setting";

export type { Limit };
export type LimitResult = { allowed: boolean; count: number; retryAfterSeconds: number };

/** The counter's key: the limit's name and a hash of what it counts (an email, an IP). */
export function limitKey(limit: Pick<Limit, "name">, subject: string): string {
  return `${limit.name}:${createHash("sha256").update(subject).digest("base64url")}`;
}

/** Counts one attempt against the limit and says whether it is within it. */
export async function hitLimit(db: DbClient, configured: Limit, subject: string): Promise<LimitResult> {
  const limit = effectiveLimit(configured);
  const key = limitKey(limit, subject);
  // Timestamps are UTC without a zone, as Prisma writes them.
  const rows = await db.$queryRaw<{ count: number; expiresAt: Date }[]>`
    INSERT INTO rate_limits (key, count, "windowStart", "expiresAt")
    VALUES (${key}, 1, now() AT TIME ZONE 'UTC', (now() AT TIME ZONE 'UTC') + ${limit.windowMs} * interval '1 millisecond')
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limits."expiresAt" <= (now() AT TIME ZONE 'UTC') THEN 1 ELSE rate_limits.count + 1 END,
      "windowStart" = CASE WHEN rate_limits."expiresAt" <= (now() AT TIME ZONE 'UTC') THEN EXCLUDED."windowStart" ELSE rate_limits."windowStart" END,
      "expiresAt" = CASE WHEN rate_limits."expiresAt" <= (now() AT TIME ZONE 'UTC') THEN EXCLUDED."expiresAt" ELSE rate_limits."expiresAt" END
    RETURNING count, "expiresAt"`;
  const row = rows[0];
  if (!row) throw new Error("rate limit upsert returned no row");
  const retryAfterSeconds = Math.max(1, Math.ceil((row.expiresAt.getTime() - Date.now()) / 1000));
  return { allowed: row.count <= limit.max, count: row.count, retryAfterSeconds };
}

/** Forgets the counter, e.g. the sign-in failures of an account whose password was just reset. */
export async function clearLimit(db: DbClient, limit: Limit, subject: string): Promise<void> {
  await db.rateLimit.deleteMany({ where: { key: limitKey(limit, subject) } });
}
