// Three things before a page renders:
// - a form post larger than any action accepts goes back to its page with
//   ?too-large=1 (past the limit Next.js would answer with an error page);
// - people with no session cookie at all go straight to sign-in (the pages
//   and actions still check the session themselves);
// - a reset link's token moves from the address into a short-lived cookie,
//   so it leaves the address bar, history and Referer after the first load.
import { NextResponse, type NextRequest } from "next/server";
import { RESET_PAGE, RESET_TOKEN_COOKIE } from "./app/(auth)/reset-token-cookie";
import { ACTION_BODY_LIMIT_BYTES } from "./lib/request-limits";

const SESSION_COOKIES = ["__Host-authjs.session-token", "authjs.session-token"];

export function proxy(request: NextRequest) {
  if (request.method === "POST" && Number(request.headers.get("content-length")) > ACTION_BODY_LIMIT_BYTES) {
    const back = new URL(request.nextUrl.pathname, request.nextUrl);
    back.searchParams.set("too-large", "1");
    return NextResponse.redirect(back, 303);
  }
  if (request.nextUrl.pathname === RESET_PAGE) return moveResetToken(request);
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return NextResponse.next();
  const login = new URL("/login", request.nextUrl);
  login.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(login);
}

function moveResetToken(request: NextRequest) {
  const token = request.nextUrl.searchParams.get("token");
  if (token === null) return NextResponse.next();
  const response = NextResponse.redirect(new URL(RESET_PAGE, request.nextUrl), 303);
  response.cookies.set(RESET_TOKEN_COOKIE, token.slice(0, 100), {
    httpOnly: true,
    sameSite: "lax",
    secure: request.nextUrl.protocol === "https:",
    path: RESET_PAGE,
    maxAge: 24 * 60 * 60, // the link's own expiry decides; this only bounds the cookie
  });
  response.headers.set("Referrer-Policy", "no-referrer");
  return response;
}

export const config = { matcher: ["/profile/:path*", "/settings/:path*", "/reset-password"] };
