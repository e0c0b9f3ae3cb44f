import "server-only";
// Auth.js with email and password. Credentials sign-in forces JWT cookies,
// so the JWT carries only a random session id and the database decides, on
// every request, whether that session is alive (lib/auth/sessions.ts).
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import { decode as decodeJwt } from "next-auth/jwt";
import Credentials from "next-auth/providers/credentials";
import { appDeps } from "@/lib/account/deps";
import { checkCredentials } from "@/lib/account/sign-in";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { isServerBusy } from "@/lib/server-busy";
import { signInSchema } from "@/lib/validation/sign-in";
import { audit } from "./audit";
import { endReplacedSession, endSignedOutSession } from "./end-session";
import { safeRedirectUrl } from "./redirects";
import { requestMeta } from "./request-meta";
import { sessionCookieName } from "./session-cookie";
import { checkSession, createSession, rotateSessionId } from "./sessions";

/** The right password for an address that is not verified yet. */
export class UnverifiedEmail extends CredentialsSignin {
  override code = "unverified";
}

/** Too many sign-ins waiting for the password hasher: try again shortly. */
export class SignInBusy extends CredentialsSignin {
  override code = "busy";
}

/** Too many failures: the wait travels in the code, which Auth.js passes on to the page. */
export class SignInThrottled extends CredentialsSignin {
  constructor(retryAfterSeconds: number) {
    super();
    this.code = `throttled-${retryAfterSeconds}`;
  }
}

/** Too many failures in a row: only a password reset opens the account again. */
export class SignInLocked extends CredentialsSignin {
  override code = "locked";
}

declare module "next-auth" {
  interface User {
    persistent?: boolean;
    userAgent?: string | null;
    ip?: string | null;
  }
  interface Session {
    /** the database could not say whether the session is alive: neither signed in nor out */
    unavailable?: boolean;
  }
}

/**
 * Auth.js errors that say the request was refused, not that something broke:
 * no or a wrong CSRF token, a callback URL that is not ours, a session cookie
 * that does not decode.
 */
const REFUSED_REQUESTS = new Set(["MissingCSRF", "InvalidCallbackUrl", "InvalidCheck", "JWTSessionError", "SessionTokenError", "UnknownAction"]);

function authConfig(): NextAuthConfig {
  const config = env();
  const secure = config.secureCookies;
  const policy = config.session;

  return {
    // the first seals every cookie; the older ones (AUTH_SECRET_1..3) still open those sealed before a rotation
    secret: config.authSecrets,
    session: { strategy: "jwt", maxAge: policy.maxAgeDays * 24 * 60 * 60 },
    jwt: {
      // a cookie that does not decode (altered, cut short, or sealed with an older secret) is no session:
      // signing out with it only clears it, instead of failing as an error
      async decode(params) {
        return decodeJwt(params).catch(() => null);
      },
    },
    cookies: {
      sessionToken: {
        name: sessionCookieName(secure),
        options: { httpOnly: true, sameSite: "lax", path: "/", secure },
      },
    },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      Credentials({
        credentials: { email: {}, password: {}, remember: {} },
        // Every sign-in path (the page's action and Auth.js's own callback route) comes through here.
        async authorize(credentials, request) {
          const parsed = signInSchema.safeParse(credentials);
          if (!parsed.success) return null;
          const { ip, userAgent } = requestMeta(request.headers);
          const { email } = parsed.data;
          const outcome = await checkCredentials(appDeps(), { ...parsed.data, ip }, config.signIn).catch((error: unknown) => {
            throw isServerBusy(error) ? new SignInBusy() : error;
          });
          if (!outcome.ok) {
            const result = outcome.reason === "throttled" || outcome.reason === "locked" ? outcome.reason : "failure";
            const userId = outcome.reason === "invalid" ? outcome.userId : null;
            await audit({ type: "sign_in", outcome: result, userId, email, detail: { reason: outcome.reason } }, request.headers);
            if (outcome.reason === "unverified") throw new UnverifiedEmail();
            if (outcome.reason === "throttled") throw new SignInThrottled(outcome.retryAfterSeconds);
            if (outcome.reason === "locked") throw new SignInLocked();
            return null;
          }
          await audit({ type: "sign_in", outcome: "success", userId: outcome.user.id, email }, request.headers);
          return { ...outcome.user, persistent: parsed.data.remember, ip, userAgent };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user, trigger }) {
        if (user?.id) {
          // a fresh sign-in: a new session, never one carried over from an older cookie, which ends here
          await endReplacedSession();
          const sid = await createSession(db, policy, {
            userId: user.id,
            persistent: user.persistent ?? false,
            userAgent: user.userAgent,
            ip: user.ip,
          });
          return { sub: user.id, sid, name: user.name, email: user.email, authTime: Math.floor(Date.now() / 1000) };
        }
        if (typeof token.sid !== "string" || !token.sub) return null;
        if (trigger === "update") {
          // only renewSessionId() below asks: Auth.js's POST /api/auth/session is refused by the route guard
          const sid = await rotateSessionId(db, token.sid, token.sub);
          return sid ? { ...token, sid } : null;
        }
        // a mark left by an earlier check is not carried over (undefined is not encoded): each request checks again
        const stored = { ...token, unchecked: undefined };
        const check = await checkSession(db, policy, token.sid, token.sub);
        // Throwing would make Auth.js clear the cookie, as if the person had signed out, when the
        // database only could not tell: the cookie stays, marked, and the session has no user.
        if (check === "unavailable") return { ...stored, unchecked: true };
        if (check === "ended") return null; // the cookie is cleared
        return stored;
      },
      session({ session, token }) {
        if (token.unchecked) return { expires: session.expires, user: undefined, unavailable: true };
        // what /api/auth/session hands page scripts: the name and address they may show, never an id
        return { expires: session.expires, user: { name: session.user?.name ?? null, email: session.user?.email ?? "" } };
      },
      redirect({ url, baseUrl }) {
        return safeRedirectUrl(url, baseUrl);
      },
    },
    events: {
      async signOut(message) {
        const token = "token" in message ? message.token : null;
        // never throws: the cookie goes either way, and an unconfirmed revocation is retried (end-session.ts)
        if (typeof token?.sid === "string") await endSignedOutSession(token.sid, token.sub ?? null);
      },
    },
    logger: {
      // A wrong password is not an error worth a stack trace, and a request Auth.js refuses is the
      // client's mistake (a warning); anything else is logged as an error, without details.
      error(error) {
        if (error instanceof CredentialsSignin) return;
        const type = (error as { type?: string }).type ?? error.name;
        log(REFUSED_REQUESTS.has(type) ? "warn" : "error", "auth_error", { type });
      },
      warn(code) {
        log("warn", "auth_warning", { code });
      },
      debug() {},
    },
  };
}

export const { handlers, auth, signIn, signOut, unstable_update } = NextAuth(() => authConfig());

/** This browser's session gets a new id (the old one stops working) and its cookie is re-issued with it. */
export async function renewSessionId(): Promise<void> {
  await unstable_update({});
}
