// Liveness for load balancers and orchestrators: the process answers. It
// touches no database, so an outage there never gets healthy processes killed.
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
