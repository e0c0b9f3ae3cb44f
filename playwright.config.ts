import { defineConfig } from "@playwright/test";
import type { AppOptions } from "./e2e/support/fixtures";

// Every spec runs against the production build (`npm run build` first) on
// both databases; each worker starts its own app, database and SMTP sink.
// Specs named dev-*.spec.ts exercise development-only routes under `next dev`.
// The folders say what a spec covers: journeys (what people do), security
// (what attackers try), reliability (outages, races, restarts) and interface
// (accessibility, keyboard, layout).
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
      // Debian's Chromium: Playwright cannot download its own browser here.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    { name: "pglite", testIgnore: /dev-.*\.spec\.ts/, use: { dbKind: "pglite", server: "production" } },
    { name: "postgres", testIgnore: /dev-.*\.spec\.ts/, use: { dbKind: "postgres", server: "production" } },
    { name: "development", testMatch: /dev-.*\.spec\.ts/, use: { dbKind: "pglite", server: "development" }, timeout: 180_000 },
  ],
});
