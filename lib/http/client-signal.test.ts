// A request's client leaving is seen by code that runs inside the request,
// as server.ts wires it; a client that waits for its answer is not "gone".
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { clientSignal, signalWhenClientLeaves, withClientSignal } from "./client-signal";

let server: http.Server | undefined;
afterEach(
  () =>
    new Promise<void>((resolve) => {
      server?.closeAllConnections();
      return server ? server.close(() => resolve()) : resolve();
    }),
);

/** A server whose handler reads clientSignal() only after `delayMs`, as queued work would. */
async function serve(delayMs: number) {
  const seen: { aborted: boolean | undefined }[] = [];
  server = http.createServer((request, response) => {
    void withClientSignal(signalWhenClientLeaves(response), async () => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      seen.push({ aborted: clientSignal()?.aborted });
      response.end("ok");
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, seen };
}

describe("fence 14: clientSignal", () => {
  it("is undefined outside a request", () => {
    expect(clientSignal()).toBeUndefined();
  });

  it("stays unaborted for a client that waits for its answer", async () => {
    const { url, seen } = await serve(50);
    expect(await (await fetch(url)).text()).toBe("ok");
    expect(seen).toEqual([{ aborted: false }]);
  });

  it("is aborted once the client has gone away", async () => {
    const { url, seen } = await serve(300);
    const leaving = new AbortController();
    const request = fetch(url, { signal: leaving.signal }).catch(() => "gone");
    setTimeout(() => leaving.abort(), 50);
    expect(await request).toBe("gone");
    await expect.poll(() => seen).toEqual([{ aborted: true }]);
  });
});
