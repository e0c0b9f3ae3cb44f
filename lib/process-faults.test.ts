// Fence 5, against Next.js's own code: its process listeners, installed as
// the server and each route module install them, in a child process of its
// own (this one's listeners belong to the test runner).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");

/** How many listeners of each kind the process has after `steps`, and whether the app's are among them. */
function listenersAfter(steps: string): { exception: number; rejection: number; oursKept: boolean } {
  const script = `
    import { createRequire } from "node:module";
    import { handleProcessFaults, keepOnlyOurListeners } from "./lib/process-faults.ts";
    const require = createRequire(import.meta.url);
    const { installProcessErrorHandlers } = require("next/dist/server/node-environment-extensions/process-error-handlers.js");
    let ours = [];
    ${steps}
    const exception = process.listeners("uncaughtException"), rejection = process.listeners("unhandledRejection");
    console.log(JSON.stringify({ exception: exception.length, rejection: rejection.length, oursKept: ours.every((l) => exception.includes(l) || rejection.includes(l)) }));
  `;
  const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8" });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout.trim().split("\n").at(-1) ?? "{}");
}

const OURS = `handleProcessFaults(() => {}); ours = [...process.listeners("uncaughtException"), ...process.listeners("unhandledRejection")];`;

describe("fence 5: Next.js's process listeners", () => {
  it("are installed when nothing stands in their way: the reason for the fence", () => {
    expect(listenersAfter("installProcessErrorHandlers(false);")).toMatchObject({ exception: 1, rejection: 1 });
  });

  it("stand aside for the app's, installed first, however often Next.js installs its own", () => {
    const after = listenersAfter(`${OURS} installProcessErrorHandlers(false); installProcessErrorHandlers(false);`);
    expect(after).toEqual({ exception: 1, rejection: 1, oursKept: true });
  });

  it("added some other way during start-up (as the router server adds one) are removed once Next.js is prepared", () => {
    const after = listenersAfter(`${OURS} installProcessErrorHandlers(false);
      process.on("uncaughtException", () => {}); process.on("unhandledRejection", () => {});
      keepOnlyOurListeners();`);
    expect(after).toEqual({ exception: 1, rejection: 1, oursKept: true });
  });
});
