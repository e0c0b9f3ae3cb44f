import fs from "node:fs";
import { defineConfig } from "@playwright/test";
import type { AppOptions } from "./e2e/support/fixtures";

// Specs run against the production build (`npm run build` first); each worker
// starts its own app, database and SMTP sink. Specs named dev-*.spec.ts
// exercise development-only routes under `next dev`. The folders say what a
// spec covers: journeys (what people do), security (what attackers try),
// reliability (outages, races, restarts) and interface (accessibility,
// keyboard, layout).
// Every journey and everything that stores or reads data runs on both
// databases. Specs whose subject does not depend on the database (the page
// itself, headers, cookies, the cross-site and host checks, what the session
// cookie holds) run once, on the embedded one, unless E2E_FULL=1
// (`npm run test:full`).
const ONE_DATABASE_SPECS = [/interface\//, /security\/(security-headers|cross-site|host-header|https-cookies|secret-rotation|session-contents)\.spec\.ts/];
const HEADLESS_SHELL = "/usr/bin/chromium-headless-shell";
const DEV_SPECS = /dev-.*\.spec\.ts/;
const full = process.env.E2E_FULL === "1";

export default defineConfig<AppOptions>({
  testDir: "e2e",
  globalSetup: "./e2e/support/global-setup.ts",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 2,
  retries: 0,
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  outputDir: "test-results/playwright",
  use: {
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // Debian's Chromium: Playwright cannot download its own browser here. Its headless shell
      // (package chromium-headless-shell, the same engine without the browser's interface) is
      // what Playwright itself runs headless; it takes about a quarter less CPU per spec here.
      executablePath: process.env.CHROMIUM_PATH ?? (fs.existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : "/usr/bin/chromium"),
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    { name: "pglite", testIgnore: DEV_SPECS, use: { dbKind: "pglite", server: "production" } },
    { name: "postgres", testIgnore: full ? DEV_SPECS : [DEV_SPECS, ...ONE_DATABASE_SPECS], use: { dbKind: "postgres", server: "production" } },
    { name: "development", testMatch: DEV_SPECS, use: { dbKind: "pglite", server: "development" }, timeout: 180_000 },
  ],
});
