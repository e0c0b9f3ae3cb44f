// Starts the app as a child process (`next start`, or `next dev` for
// development-only routes) and stops it, keeping its output for assertions.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";

export type ServerMode = "production" | "development";

export type ServerExit = { code: number | null; signal: NodeJS.Signals | null };

export type AppServer = {
  baseURL: string;
  /** everything the server printed so far */
  logs: () => string;
  /** SIGTERM, then SIGKILL after 15 s; resolves with how the process ended (nothing if it was not running) */
  stop: () => Promise<ServerExit | undefined>;
  /** SIGKILL, as a crash would: nothing is finished or cleaned up */
  kill: () => Promise<void>;
  /** starts it again on the same port, e.g. after a test changed the embedded database */
  start: () => Promise<void>;
  /** how the process ended, if it has since it was (last) started: a crash shows here */
  exit: () => ServerExit | undefined;
  /** the process group the app runs in (its launcher and the server itself), while it runs */
  processGroup: () => number | undefined;
};

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

export type AppServerOptions = {
  mode: ServerMode;
  port: number;
  env: Record<string, string>;
  /** the checkout to run in (this one unless said) */
  cwd?: string;
  /** through `npm start` itself, with its prestart step (only production) */
  npmStart?: boolean;
};

export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  const baseURL = `http://127.0.0.1:${options.port}`;
  let output = "";
  let child: ChildProcess | undefined;
  let exit: ServerExit | undefined;

  const start = async () => {
    // production is what `npm start` runs (server.ts as `npm run build` compiled it); development is plain `next dev`
    const [command, args] =
      options.mode === "production"
        ? options.npmStart
          ? ["npm", ["start", "--silent"]]
          : [process.execPath, ["--enable-source-maps", ".next/app-server/server.mjs"]]
        : ["node_modules/.bin/next", ["dev", "-H", "127.0.0.1", "-p", String(options.port)]];
    const env: Record<string, string | undefined> = {
      ...process.env,
      ...options.env,
      PORT: String(options.port),
      HOST: "127.0.0.1",
      NEXT_TELEMETRY_DISABLED: "1",
    };
    delete env.NODE_ENV; // each sets its own
    const started = spawn(command, args, {
      cwd: options.cwd,
      env: env as NodeJS.ProcessEnv,
      detached: true, // its own process group, so stop() ends every child it forks
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = started;
    exit = undefined;
    started.once("exit", (code, signal) => (exit = { code, signal }));
    started.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    started.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    await waitUntilServing(baseURL, started, options.mode === "production" ? 60_000 : 180_000, () => output);
  };

  const stop = async (): Promise<ServerExit | undefined> => {
    const running = child;
    child = undefined;
    if (!running?.pid || running.exitCode !== null) return undefined;
    const exited = new Promise<ServerExit>((resolve) => running.once("exit", (code, signal) => resolve({ code, signal })));
    process.kill(-running.pid, "SIGTERM");
    // past the server's own 10 s drain limit: a server that hangs is killed, one that drains is not
    const killer = setTimeout(() => running.pid && process.kill(-running.pid, "SIGKILL"), 15_000);
    const exit = await exited;
    clearTimeout(killer);
    return exit;
  };

  const kill = async () => {
    const running = child;
    child = undefined;
    if (!running?.pid || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    process.kill(-running.pid, "SIGKILL");
    await exited;
  };

  await start();
  return { baseURL, logs: () => output, stop, kill, start, exit: () => exit, processGroup: () => child?.pid };
}

async function waitUntilServing(baseURL: string, child: ChildProcess, timeoutMs: number, logs: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited with code ${child.exitCode}:\n${logs()}`);
    try {
      const response = await fetch(baseURL, { signal: AbortSignal.timeout(30_000) });
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the app did not answer within ${timeoutMs} ms:\n${logs()}`);
}
