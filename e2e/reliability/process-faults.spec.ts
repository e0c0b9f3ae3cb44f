// Errors nobody caught (SECURITY.md, "Errors"): each is one JSON line
// naming its class, never its message; an unhandled rejection leaves the
// server serving, an uncaught exception drains it and exits with code 1.
// The faults are planted by e2e/support/fault-trigger.mjs, loaded into the
// real production server (server.ts) through NODE_OPTIONS.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import type { AppOptions } from "../support/fixtures";
import { startOwnServer, type OwnServer } from "../support/own-server";

type LogLine = { level?: string; event?: string; error?: string; at?: string; signal?: string };

/** The server's output, line by line, as JSON where it is JSON. */
function logLines(output: string): LogLine[] {
  return output
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as LogLine);
}

let own: OwnServer | undefined;
test.afterEach(async () => {
  await own?.stop();
  own = undefined;
});

test("an unhandled rejection is one JSON line and the server keeps serving; an uncaught exception is one line and a clean exit 1", async ({}, testInfo) => {
  test.skip(testInfo.project.name !== "pglite", "one run is enough: the database plays no part");
  test.setTimeout(120_000);
  const trigger = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fault-trigger-")), "fault");
  own = await startOwnServer((testInfo.project.use as AppOptions).dbKind, () => ({
    NODE_OPTIONS: `--import ${path.resolve("e2e/support/fault-trigger.mjs")}`,
    FAULT_TRIGGER_FILE: trigger,
  }));
  const server = own.server;
  const events = (name: string) => logLines(server.logs()).filter((line) => line.event === name);

  fs.writeFileSync(trigger, "rejection");
  await expect.poll(() => events("unhandled_rejection").length).toBe(1);
  expect(events("unhandled_rejection")[0]).toMatchObject({ level: "error", error: "TypeError", at: expect.stringContaining("fault-trigger.mjs") });
  const ping = await fetch(`${own.baseURL}/login`);
  expect(ping.status).toBe(200);
  expect(server.exit()).toBeUndefined();

  fs.writeFileSync(trigger, "exception");
  await expect.poll(() => server.exit(), { timeout: 20_000 }).toEqual({ code: 1, signal: null });
  expect(events("uncaught_exception")).toEqual([expect.objectContaining({ level: "error", error: "RangeError" })]);
  expect(events("server_stopping")).toEqual([expect.objectContaining({ signal: "uncaughtException" })]);
  expect(events("server_stopped")).toHaveLength(1);
  // fence 5: one line each, no stack printed beside it (Next.js's own listeners stood aside), and no message text
  expect(events("unhandled_rejection")).toHaveLength(1);
  expect(server.logs()).not.toContain("planted");
  // Next.js's rejection filter stays in front of ours, untouched and silent
  expect(server.logs()).not.toContain("Unhandled Rejection Filter");
  expect(server.logs()).not.toMatch(/^\s+at /m);
  fs.rmSync(path.dirname(trigger), { recursive: true, force: true });
});
