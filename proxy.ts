// Before any route runs (and every response gets the headers of
// lib/http/security-headers.ts, with a fresh CSP nonce):
// - a state-changing request from another site (or with no Origin) is refused;
// - a form post larger than any action accepts goes back to its page with
//   ?too-large=1 (past the limit Next.js would answer with an error page);
// - a server action call is checked for the shapes the pages send;
// - people with no session cookie at all go straight to sign-in (the pages
//   and actions still check the session themselves);
// - an emailed link's token moves from the address into a short-lived cookie,
//   so it leaves the address bar, history and Referer after the first load.
// Framework fences 6, 7, 8, 12 and 13 are here (lib/fences.ts lists them all).
import { randomBytes } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { isLinkPage, linkTokenCookie, type LinkPage } from "./lib/auth/link-pages";
import { requestMeta } from "./lib/auth/request-meta";
import { NO_DATABASE_HEADER, UNAVAILABLE_PAGE, UNAVAILABLE_RETRY_SECONDS } from "./lib/auth/unavailable";
import { db } from "./lib/db";
import { env } from "./lib/env";
import { isWellFormedMultipart } from "./lib/http/multipart-shape";
import { crossSiteReason, ownOrigins } from "./lib/http/same-origin";
import { ownPolicy, securityHeaders } from "./lib/http/security-headers";
import { builtServerActionIds } from "./lib/http/server-action-ids";
import { isMultipart, mayBeServerAction, serverActionRefusal } from "./lib/http/server-action-request";
import { ACTION_BODY_LIMIT_BYTES } from "./lib/request-limits";
import { recordSecurityEvent } from "./lib/security-events";

const SESSION_COOKIES = ["__Host-authjs.session-token", "authjs.session-token"];
const SIGNED_IN_ZONE = /^\/(profile|settings)(\/|$)/;

export async function proxy(request: NextRequest) {
  const config = env();
  const headers = securityHeaders({
    nonce: randomBytes(16).toString("base64"), // one per response
    development: !config.isProduction,
    https: config.appUrl.startsWith("https://"),
  });
  const response = await route(request, headers["Content-Security-Policy"]);
  // a route's own choice wins (the link redirect's no-referrer); fence 13: the avatar's strict policy is set here, since
  // Next.js lays this response's headers over the route handler's own
  const own = ownPolicy(request.nextUrl.pathname);
  if (own) response.headers.set("Content-Security-Policy", own);
  for (const [name, value] of Object.entries(headers)) if (!response.headers.has(name)) response.headers.set(name, value);
  return response;
}

/** What to do with the request; `policy` travels on to any page rendered, so Next.js knows its nonce. */
async function route(request: NextRequest, policy: string): Promise<NextResponse> {
  const crossSite = crossSiteReason(request.method, request.headers, ownOrigins(env().appUrl));
  if (crossSite) {
    await recordSecurityEvent(db, env().eventHashKey, {
      type: "csrf_rejected",
      outcome: "refused",
      ...requestMeta(request.headers),
      detail: { method: request.method, path: request.nextUrl.pathname.slice(0, 200), reason: crossSite },
    });
    return new NextResponse("Cross-site request refused.", { status: 403, headers: { "Content-Type": "text/plain" } });
  }
  // fence 6
  if (request.method === "POST" && Number(request.headers.get("content-length")) > ACTION_BODY_LIMIT_BYTES) return tooLarge(request);
  // fences 7 and 8, on every path: Next.js tries any multipart post to a page, or to a path that is no route at all, as an action
  if (request.method === "POST" && mayBeServerAction(request.headers)) {
    const refused = await checkServerAction(request);
    if (refused) return refused;
  }
  if (isLinkPage(request.nextUrl.pathname)) return moveLinkToken(request, request.nextUrl.pathname, policy);
  // fence 12: a page cannot choose its status; this one says the database is away, so it is a 503
  if (request.nextUrl.pathname === UNAVAILABLE_PAGE) {
    return render(request, policy, { status: 503, headers: { "Retry-After": String(UNAVAILABLE_RETRY_SECONDS) } }, { withoutDatabase: true });
  }
  if (!SIGNED_IN_ZONE.test(request.nextUrl.pathname)) return render(request, policy);
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return render(request, policy);
  const login = new URL("/login", request.nextUrl);
  login.searchParams.set("callbackUrl", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(login);
}

/** Fence 6: a form post larger than any action accepts goes back to its page, which says so. */
function tooLarge(request: NextRequest): NextResponse {
  const back = new URL(request.nextUrl.pathname, request.nextUrl);
  back.searchParams.set("too-large", "1");
  return NextResponse.redirect(back, 303);
}

/**
 * A server action call that is not in a shape our pages send is answered
 * here (lib/http/server-action-request.ts says why); one sent in chunks, with
 * no Content-Length, is measured here too.
 */
async function checkServerAction(request: NextRequest): Promise<NextResponse | null> {
  const body = await request.clone().arrayBuffer();
  if (body.byteLength > ACTION_BODY_LIMIT_BYTES) return tooLarge(request);
  const contentType = request.headers.get("content-type") ?? "";
  const parsed = !isMultipart(request.headers)
    ? new TextDecoder().decode(body)
    : isWellFormedMultipart(new Uint8Array(body), contentType)
      ? await new Response(body, { headers: { "Content-Type": contentType } }).formData().catch(() => null)
      : null;
  const refusal = serverActionRefusal(request.headers, parsed, builtServerActionIds(env().isProduction));
  if (!refusal) return null;
  const headers: Record<string, string> = { "Content-Type": "text/plain; charset=utf-8" };
  // the header Next.js's client router reads as "reload to get the current page"
  if (refusal.status === 404) headers["x-nextjs-action-not-found"] = "1";
  return new NextResponse(refusal.message, { status: refusal.status, headers });
}

/**
 * On to the route; Next.js reads the nonce from the policy in the request headers and puts it on its scripts.
 * `withoutDatabase` tells the page's header not to ask who is signed in (lib/auth/unavailable.ts).
 */
function render(request: NextRequest, policy: string, init: ResponseInit = {}, { withoutDatabase = false } = {}): NextResponse {
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", policy);
  // only this proxy says so, never the client
  headers.delete(NO_DATABASE_HEADER);
  if (withoutDatabase) headers.set(NO_DATABASE_HEADER, "1");
  return NextResponse.next({ ...init, request: { headers } });
}

/**
 * The address that carries a token sends no Referer at all; the link page it
 * leads to names itself only to the app ("no-referrer" there would make
 * browsers post its form with `Origin: null`, which the cross-site check refuses).
 */
function moveLinkToken(request: NextRequest, page: LinkPage, policy: string) {
  const token = request.nextUrl.searchParams.get("token");
  if (token === null) {
    const response = render(request, policy);
    response.headers.set("Referrer-Policy", "same-origin");
    return response;
  }
  const response = NextResponse.redirect(new URL(page, request.nextUrl), 303);
  response.headers.set("Referrer-Policy", "no-referrer");
  response.cookies.set({ ...linkTokenCookie(page, env().secureCookies), value: token.slice(0, 100) });
  return response;
}

// everything but the build's static files
export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
