import { Auth, type AuthConfig } from "@auth/core";
import Credentials from "@auth/core/providers/credentials";
import { describe, expect, it } from "vitest";
import { authRouteRefusal, cookieAsAuthJsReadsIt, isUsableCallbackUrl } from "./auth-route-requests";

const form = new Headers({ "content-type": "application/x-www-form-urlencoded;charset=UTF-8", "content-length": "120" });
const status = (method: string, path: string, headers = form) => authRouteRefusal(method, new URL(path, "http://127.0.0.1:3000"), headers)?.status ?? "passes";

describe("fence 10: authRouteRefusal", () => {
  it("passes the reads and the two forms the app uses", () => {
    for (const path of ["/api/auth/session", "/api/auth/csrf", "/api/auth/providers", "/api/auth/signin", "/api/auth/error", "/api/auth/signout"]) {
      expect(status("GET", path)).toBe("passes");
    }
    expect(status("POST", "/api/auth/callback/credentials")).toBe("passes");
    expect(status("POST", "/api/auth/signout")).toBe("passes");
  });

  it("answers 404 for what Auth.js has but this app does not use, or nobody has", () => {
    for (const path of ["/api/auth/verify-request", "/api/auth/webauthn-options/credentials", "/api/auth/callback/github", "/api/auth/nope", "/api/auth"]) {
      expect(status("GET", path)).toBe(404);
    }
  });

  it("answers 405 for a method the action does not take", () => {
    expect(status("POST", "/api/auth/session")).toBe(405);
    expect(status("GET", "/api/auth/callback/credentials")).toBe(405);
    expect(status("PUT", "/api/auth/signout")).toBe(405);
  });

  it("passes the error page with an error type Auth.js has, or none", () => {
    expect(status("GET", "/api/auth/error?error=Configuration")).toBe("passes");
    expect(status("GET", "/api/auth/error?error=AccessDenied&code=x")).toBe("passes");
  });

  it("answers 400 for an error that Auth.js would copy into an invalid Location header (it throws a TypeError)", () => {
    for (const query of ["error=%f4%90%80%80", "error=%ED%A0%80", "error=a%0d%0ab", "error=%C3%A9", "error=Configuration&error=%ff", "error=", "error=a%20b"]) {
      expect(status("GET", `/api/auth/error?${query}`), query).toBe(400);
    }
    // other actions encode it themselves
    expect(status("GET", "/api/auth/signin?error=%ff")).toBe("passes");
  });

  it("answers 415 for a body that is not a urlencoded form, and 413 for one too large", () => {
    expect(status("POST", "/api/auth/signout", new Headers({ "content-type": "application/json" }))).toBe(415);
    expect(status("POST", "/api/auth/signout", new Headers({ "content-type": "multipart/form-data; boundary=x" }))).toBe(415);
    expect(status("POST", "/api/auth/signout", new Headers())).toBe(415);
    expect(status("POST", "/api/auth/callback/credentials", new Headers({ "content-type": "application/x-www-form-urlencoded", "content-length": "70000" }))).toBe(413);
  });
});

describe("fence 11: isUsableCallbackUrl", () => {
  it("takes what Auth.js takes: an http(s) URL or a path", () => {
    for (const value of ["/profile", "http://127.0.0.1:3000/x", "https://evil.test"]) expect(isUsableCallbackUrl(value, "http://127.0.0.1:3000")).toBe(true);
  });

  it("refuses what would make Auth.js answer 500", () => {
    for (const value of ["$h0", "__proto__", "javascript:alert(1)", "%ff", "\\\\evil.test", "profile"]) expect(isUsableCallbackUrl(value, "http://127.0.0.1:3000")).toBe(false);
  });
});

describe("fence 11: cookieAsAuthJsReadsIt", () => {
  it("takes the first cookie of the name, decoded when it decodes and as sent when not", () => {
    expect(cookieAsAuthJsReadsIt("a=1; authjs.callback-url=%2Fprofile; authjs.callback-url=/x", "authjs.callback-url")).toBe("/profile");
    expect(cookieAsAuthJsReadsIt("authjs.callback-url=%80%80", "authjs.callback-url")).toBe("%80%80");
    expect(cookieAsAuthJsReadsIt("other=1", "authjs.callback-url")).toBeUndefined();
  });
});

describe("what Auth.js itself does with these requests: the day a test here fails, its fence can go", () => {
  /** Auth.js as the app configures it, with the errors it logs and what it answers. */
  async function askAuthJs(path: string, headers: Record<string, string> = {}) {
    const logged: string[] = [];
    const config: AuthConfig = {
      basePath: "/api/auth",
      providers: [Credentials({ credentials: {}, authorize: async () => null })],
      secret: "a-test-secret-that-is-long-enough-for-auth-js",
      trustHost: true,
      pages: { signIn: "/login", error: "/login" },
      logger: { error: (error) => logged.push(error.name), warn: () => {}, debug: () => {} },
    };
    const response = await Auth(new Request(new URL(path, "http://127.0.0.1:3000"), { headers }), config);
    return { status: response.status, logged };
  }

  it("answers the session without an error, as a control", async () => {
    expect(await askAuthJs("/api/auth/session")).toEqual({ status: 200, logged: [] });
  });

  it("fence 10: logs an error for an action it does not know, which the app answers 404 first", async () => {
    expect((await askAuthJs("/api/auth/nope")).logged).toEqual(["UnknownAction"]);
    expect(status("GET", "/api/auth/nope")).toBe(404);
  });

  it("fence 10: logs a TypeError for an error parameter past Latin-1, which the app answers 400 first", async () => {
    expect((await askAuthJs("/api/auth/error?error=%E2%80%A6")).logged).toEqual(["TypeError"]);
    expect(status("GET", "/api/auth/error?error=%E2%80%A6")).toBe(400);
  });

  it("fence 11: answers 500 while its callback-url cookie is no URL, which the app refuses first", async () => {
    expect(await askAuthJs("/api/auth/session", { cookie: "authjs.callback-url=not%20a%20url" })).toEqual({ status: 500, logged: ["InvalidCallbackUrl"] });
    expect(isUsableCallbackUrl(cookieAsAuthJsReadsIt("authjs.callback-url=not%20a%20url", "authjs.callback-url") ?? "", "http://127.0.0.1:3000")).toBe(false);
  });
});
