import { describe, expect, it } from "vitest";
import { AVATAR_PATH } from "@/lib/account/profile";
import { contentSecurityPolicy, IMAGE_POLICY, ownPolicy, securityHeaders } from "./security-headers";

const directives = (policy: string) => new Map(policy.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));

describe("contentSecurityPolicy", () => {
  it("runs only scripts with this response's nonce (and what they load), and nothing inline or evaluated in production", () => {
    const policy = directives(contentSecurityPolicy("abc123==", false));
    expect(policy.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(policy.get("object-src")).toEqual(["'none'"]);
    expect(policy.get("base-uri")).toEqual(["'none'"]);
    expect(policy.get("frame-ancestors")).toEqual(["'none'"]);
    expect(policy.get("form-action")).toEqual(["'self'"]);
  });

  it("allows eval only in development, where fast refresh needs it", () => {
    expect(contentSecurityPolicy("n", true)).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy("n", false)).not.toContain("'unsafe-eval'");
  });
});

describe("securityHeaders", () => {
  it("sends HSTS only when the app is served over HTTPS", () => {
    expect(securityHeaders({ nonce: "n", development: false, https: true })["Strict-Transport-Security"]).toBe("max-age=63072000; includeSubDomains");
    expect(securityHeaders({ nonce: "n", development: false, https: false })).not.toHaveProperty("Strict-Transport-Security");
  });

  it("always forbids sniffing, framing and sharing a window with other sites", () => {
    expect(securityHeaders({ nonce: "n", development: true, https: false })).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
      "Cross-Origin-Opener-Policy": "same-origin",
      "Referrer-Policy": "strict-origin-when-cross-origin",
    });
  });
});

describe("fence 13: ownPolicy", () => {
  it("keeps the avatar's own policy, and no other path's", () => {
    expect(ownPolicy(AVATAR_PATH)).toBe(IMAGE_POLICY);
    expect(IMAGE_POLICY).toBe("default-src 'none'; sandbox");
    for (const path of ["/profile", "/profile/avatar/", "/profile/edit", "/__proto__", "/constructor"]) expect(ownPolicy(path)).toBeUndefined();
  });
});
