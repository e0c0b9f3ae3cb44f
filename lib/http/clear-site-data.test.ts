import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLEAR_SITE_DATA, clearSiteDataOnSignOut, endsSession } from "./clear-site-data";

const CLEARED = "authjs.session-token=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax";
const SET = "__Host-authjs.session-token=eyJhbGciOi; Path=/; Expires=Fri, 01 Jan 2100 00:00:00 GMT; HttpOnly; Secure; SameSite=Lax";

describe("endsSession", () => {
  it("knows a session cookie being removed, with either name, by an empty value, Max-Age=0 or a past Expires", () => {
    expect(endsSession(CLEARED)).toBe(true);
    expect(endsSession("__Host-authjs.session-token=x; Path=/; Max-Age=0; Secure")).toBe(true);
    expect(endsSession("authjs.session-token.0=abc; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT")).toBe(true);
  });

  it("leaves a session being set, and other cookies being removed, alone", () => {
    expect(endsSession(SET)).toBe(false);
    expect(endsSession("reset-token=; Path=/reset-password; Max-Age=0")).toBe(false);
    expect(endsSession("authjs.csrf-token=; Max-Age=0")).toBe(false);
    expect(endsSession("xauthjs.session-token=; Max-Age=0")).toBe(false);
  });
});

// A server that sets the cookie named in its path, through setHeader or through writeHead itself.
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    clearSiteDataOnSignOut(response);
    const cookie = request.url?.includes("/clear") ? CLEARED : SET;
    if (request.url?.startsWith("/explicit")) {
      response.writeHead(200, { "Set-Cookie": [cookie] }).end();
      return;
    }
    if (request.url?.startsWith("/raw")) {
      response.writeHead(200, ["Set-Cookie", cookie, "Content-Type", "text/plain"]).end();
      return;
    }
    response.setHeader("Set-Cookie", [cookie, "other=1"]);
    response.end("ok");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const clearSiteData = async (path: string) => (await fetch(`${base}${path}`)).headers.get("clear-site-data");

describe("clearSiteDataOnSignOut", () => {
  it("adds Clear-Site-Data to an answer that removes the session cookie, however the header was set", async () => {
    expect(await clearSiteData("/clear")).toBe(CLEAR_SITE_DATA);
    expect(await clearSiteData("/explicit/clear")).toBe(CLEAR_SITE_DATA);
    expect(await clearSiteData("/raw/clear")).toBe(CLEAR_SITE_DATA);
  });

  it("adds nothing to an answer that sets a session or leaves it alone", async () => {
    expect(await clearSiteData("/set")).toBeNull();
    expect(await clearSiteData("/explicit/set")).toBeNull();
    expect(await clearSiteData("/raw/set")).toBeNull();
  });
});
