import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seeOtherAfterFormPost } from "./see-other";

// A server that answers every request with the status named in its path, as Next.js sets one:
// statusCode and a Location header, then the body (Node writes the head itself), or writeHead.
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    seeOtherAfterFormPost(request, response);
    const status = Number(request.url?.split("/")[1]);
    if (request.url?.endsWith("/explicit")) {
      response.writeHead(status, { Location: "/elsewhere" }).end();
      return;
    }
    response.statusCode = status;
    response.setHeader("Location", "/elsewhere");
    response.end("moved");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const answer = async (path: string, init: RequestInit = {}) => (await fetch(`${base}${path}`, { ...init, redirect: "manual" })).status;

describe("fence 4: seeOtherAfterFormPost", () => {
  it("answers a plain form post's 307 with 303, however the status was set", async () => {
    expect(await answer("/307", { method: "POST", body: new FormData() })).toBe(303);
    expect(await answer("/307/explicit", { method: "POST", body: new FormData() })).toBe(303);
  });

  it("leaves other statuses, other methods and JavaScript's action calls as they are", async () => {
    expect(await answer("/302", { method: "POST", body: "x" })).toBe(302);
    expect(await answer("/200", { method: "POST", body: "x" })).toBe(200);
    expect(await answer("/307")).toBe(307);
    expect(await answer("/307", { method: "POST", body: "[]", headers: { "Next-Action": "7f00" } })).toBe(307);
  });
});
