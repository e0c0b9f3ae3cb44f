import { describe, expect, it } from "vitest";
import { clientAddress, parseTrustedProxies, settleClientHeaders, settledClientAddress } from "./client-address";

const nobody = parseTrustedProxies("");
const loopbackProxy = parseTrustedProxies("127.0.0.1");
const proxies = parseTrustedProxies("127.0.0.1, 10.0.0.0/8, ::1");

describe("fence 3: clientAddress", () => {
  it("is the socket's address when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddress("127.0.0.1", "10.0.0.7", nobody)).toBe("127.0.0.1");
    expect(clientAddress("::ffff:192.0.2.4", "198.51.100.1, 10.0.0.7", nobody)).toBe("192.0.2.4");
  });

  it("is the right-most hop that is not a trusted proxy, behind a trusted one", () => {
    expect(clientAddress("127.0.0.1", "203.0.113.9", loopbackProxy)).toBe("203.0.113.9");
    // the client wrote the first hop itself; the proxies appended the rest
    expect(clientAddress("127.0.0.1", "1.2.3.4, 203.0.113.9, 10.1.2.3", proxies)).toBe("203.0.113.9");
  });

  it("stays with the last trusted hop when the next one is not an address", () => {
    expect(clientAddress("127.0.0.1", "not-an-ip, 10.1.2.3", proxies)).toBe("10.1.2.3");
    expect(clientAddress("127.0.0.1", undefined, proxies)).toBe("127.0.0.1");
  });

  it("ignores a socket it cannot read", () => {
    expect(clientAddress(undefined, "203.0.113.9", proxies)).toBeNull();
  });
});

describe("parseTrustedProxies", () => {
  it("accepts addresses and CIDR ranges of both families", () => {
    const list = parseTrustedProxies(" 192.168.0.0/16 ,2001:db8::/32, 127.0.0.1");
    expect(list.has("192.168.44.1")).toBe(true);
    expect(list.has("2001:db8::5")).toBe(true);
    expect(list.has("127.0.0.1")).toBe(true);
    expect(list.has("192.169.0.1")).toBe(false);
  });

  it.each(["localhost", "10.0.0.0/33", "10.0.0.0/8/1", "1.2.3"])("refuses %j", (entry) => {
    expect(() => parseTrustedProxies(entry)).toThrow(/not an IP address/);
  });
});

describe("fence 3: settleClientHeaders", () => {
  it("drops forwarded headers and a forged client address from an untrusted peer", () => {
    const request = {
      socket: { remoteAddress: "192.0.2.4" },
      headers: { "x-forwarded-for": "10.0.0.1", "x-forwarded-host": "evil.test", "x-client-ip": "10.9.9.9" } as Record<string, string | undefined>,
    };
    settleClientHeaders(request, loopbackProxy);
    expect(request.headers).toEqual({ "x-client-ip": "192.0.2.4", "x-request-id": expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(settledClientAddress(new Headers(request.headers as Record<string, string>))).toBe("192.0.2.4");
  });

  it("keeps a trusted proxy's forwarded headers", () => {
    const request = {
      socket: { remoteAddress: "127.0.0.1" },
      headers: { "x-forwarded-for": "203.0.113.9", "x-forwarded-host": "accounts.example" } as Record<string, string | undefined>,
    };
    settleClientHeaders(request, loopbackProxy);
    expect(request.headers["x-forwarded-host"]).toBe("accounts.example");
    expect(request.headers["x-client-ip"]).toBe("203.0.113.9");
  });
});
