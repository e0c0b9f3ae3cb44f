import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { AUTH_FORM_LIMIT_BYTES, authRouteRefusal, CALLBACK_URL_COOKIES, cookieAsAuthJsReadsIt, isUsableCallbackUrl } from "@/lib/auth/auth-route-requests";
import { throttledSeconds } from "@/lib/auth/sign-in-messages";

/** Fence 10: only what the app asks Auth.js for reaches it (lib/auth/auth-route-requests.ts). */
async function refused(request: NextRequest): Promise<Response | null> {
  const refusal = authRouteRefusal(request.method, request.nextUrl, request.headers);
  // a body sent in chunks has no Content-Length to check: measure it
  const tooLarge = !refusal && request.method === "POST" && (await request.clone().arrayBuffer()).byteLength > AUTH_FORM_LIMIT_BYTES;
  if (refusal || tooLarge) {
    const { status, message } = refusal ?? { status: 413, message: "The form is too large." };
    return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  return badCallbackUrl(request);
}

/** Fence 11: a callback URL that is no URL (altered by hand) is refused, and its cookie cleared so the next request works. */
function badCallbackUrl(request: NextRequest): Response | null {
  const origin = request.nextUrl.origin;
  const cookies = CALLBACK_URL_COOKIES.filter((name) => {
    const value = cookieAsAuthJsReadsIt(request.headers.get("cookie") ?? "", name);
    return value && !isUsableCallbackUrl(value, origin);
  });
  // Auth.js keeps the last of a repeated parameter: each must be a URL
  const queries = request.nextUrl.searchParams.getAll("callbackUrl");
  if (cookies.length === 0 && queries.every((query) => !query || isUsableCallbackUrl(query, origin))) return null;
  const headers = new Headers({ "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
  for (const name of cookies) headers.append("Set-Cookie", `${name}=; Path=/; Max-Age=0${name.startsWith("__Secure-") ? "; Secure" : ""}`);
  return new Response("The address to return to is not valid.", { status: 400, headers });
}

export async function GET(request: NextRequest): Promise<Response> {
  return (await refused(request)) ?? handlers.GET(request);
}

/** Auth.js's own sign-in route; a throttled sign-in also says, in Retry-After, when to come back. */
export async function POST(request: NextRequest): Promise<Response> {
  const refusal = await refused(request);
  if (refusal) return refusal;
  const response = await handlers.POST(request);
  const location = response.headers.get("location");
  const seconds = location ? throttledSeconds(new URL(location, request.nextUrl).searchParams.get("code")) : null;
  if (seconds === null) return response;
  // Auth.js's redirect has immutable headers: answer with a copy that says when to come back
  const headers = new Headers(response.headers);
  headers.set("Retry-After", String(seconds));
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
