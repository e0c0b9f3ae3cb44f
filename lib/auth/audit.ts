import "server-only";
// Records a security event for the request being handled: its client
// address, browser and request id come from the request itself.
import { headers } from "next/headers";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { recordSecurityEvent, type SecurityEvent, type SecurityOutcome } from "@/lib/security-events";
import { requestMeta } from "./request-meta";

export async function audit(event: Omit<SecurityEvent, "ip" | "userAgent" | "requestId">, requestHeaders?: Headers): Promise<void> {
  const meta = requestMeta(requestHeaders ?? (await headers()));
  await recordSecurityEvent(db, env().eventHashKey, { ...event, ...meta });
}

/** A use-case's result as an event outcome: a refusal tied to no field is one of the limits. */
export function outcomeOf(result: { ok: true } | { ok: false; field?: string }): SecurityOutcome {
  if (result.ok) return "success";
  return result.field ? "failure" : "throttled";
}
