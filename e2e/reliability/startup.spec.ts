import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";
import { freePort } from "../support/app-server";

// Runs the production build directly: no app fixture, no database.
test("a production start without required settings stops at once, naming them", async ({}, testInfo) => {
  test.skip(testInfo.project.name !== "postgres", "one run is enough: no database is involved");
  const port = await freePort();
  const env: Record<string, string | undefined> = { PATH: process.env.PATH, HOME: process.env.HOME };
  env.AUTH_URL = `http://127.0.0.1:${port}`;
  env.EMAIL_FROM = "Accounts <no-reply@accounts.test>";
  const child = spawn("node_modules/.bin/next", ["start", "-H", "127.0.0.1", "-p", String(port)], {
    env: env as NodeJS.ProcessEnv,
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  expect(code).toBe(1);
  expect(output).toContain("Missing environment variables for production: AUTH_SECRET, PASSWORD_PEPPER, DATABASE_URL, SMTP_URL.");
});
