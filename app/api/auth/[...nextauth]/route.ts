import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/auth";
import { throttledSeconds } from "@/lib/auth/sign-in-messages";

export const { GET } = handlers;

/** Auth.js's own sign-in route; a throttled sign-in also says, in Retry-After, when to come back. */
export async function POST(request: NextRequest): Promise<Response> {
  const response = await handlers.POST(request);
  const location = response.headers.get("location");
  const seconds = location ? throttledSeconds(new URL(location, request.nextUrl).searchParams.get("code")) : null;
  if (seconds === null) return response;
  // Auth.js's redirect has immutable headers: answer with a copy that says when to come back
  const headers = new Headers(response.headers);
  headers.set("Retry-After", String(seconds));
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
