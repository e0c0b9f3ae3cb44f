// Loaded into the production server by a test only (node --import, through
// NODE_OPTIONS), never part of the build: it makes the faults no route can,
// so that e2e/reliability/process-faults.spec.ts sees what the server does with them.
// Write "rejection" or "exception" into the file named by FAULT_TRIGGER_FILE.
import fs from "node:fs";
import { isMainThread } from "node:worker_threads";

const file = process.env.FAULT_TRIGGER_FILE;
// NODE_OPTIONS reaches every process and thread the server starts; only the server's own main thread plays
if (file && isMainThread && process.argv[1]?.endsWith("app-server/server.mjs")) {
  setInterval(() => {
    let fault;
    try {
      fault = fs.readFileSync(file, "utf8").trim();
      fs.rmSync(file);
    } catch {
      return; // nothing asked for
    }
    if (fault === "rejection") void Promise.reject(new TypeError("planted rejection: secret-looking text"));
    if (fault === "exception")
      setTimeout(() => {
        throw new RangeError("planted exception: secret-looking text");
      });
  }, 100).unref();
}
