// Readiness: send this process requests only while its database answers and
// it is not shutting down. The answer names no error: it is public.
import { db } from "@/lib/db";
import { isDraining } from "@/lib/shutdown";

export const dynamic = "force-dynamic";

/** Longer than a healthy round trip, short enough for a balancer's probe. */
const PROBE_TIMEOUT_MS = 2_000;

const answer = (status: number, body: { status: string }) => Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

export async function GET(): Promise<Response> {
  if (isDraining()) return answer(503, { status: "draining" });
  const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), PROBE_TIMEOUT_MS).unref());
  const reachable = db.$queryRaw`SELECT 1`.then(
    () => true,
    () => false,
  );
  return (await Promise.race([reachable, timeout])) ? answer(200, { status: "ready" }) : answer(503, { status: "unavailable" });
}
