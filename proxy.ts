// A convenience only: people with no session cookie at all go straight to
// sign-in. The pages and actions check the session themselves.
import { NextResponse, type NextRequest } from "next/server";

const SESSION_COOKIES = ["__Host-authjs.session-token", "authjs.session-token"];

export function proxy(request: NextRequest) {
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return NextResponse.next();
  const login = new URL("/login", request.nextUrl);
  login.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(login);
}

export const config = { matcher: ["/profile/:path*", "/settings/:path*"] };
