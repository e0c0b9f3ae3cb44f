// Who is asking, for limits, the session list and the logs. The address
// comes from server.ts, which sets it from the socket (or a trusted proxy's
// X-Forwarded-For) and overwrites anything a client sent under that name.
import { settledClientAddress, settledRequestId } from "@/lib/http/client-address";

export type RequestMeta = { userAgent: string | null; ip: string | null; requestId: string | null };

export function requestMeta(headers: Headers): RequestMeta {
  return {
    userAgent: headers.get("user-agent")?.slice(0, 512) ?? null,
    ip: settledClientAddress(headers)?.slice(0, 64) ?? null,
    requestId: settledRequestId(headers),
  };
}
