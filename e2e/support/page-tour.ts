// One look at a page as people meet it: on a phone and a desktop, in light
// and dark mode. axe runs in both schemes, the page must not scroll sideways
// at 320 px, and a screenshot of each width is written where a person can
// look at it (not under test-results/playwright, which Playwright empties at
// the start of every run); the phone width also in dark mode.
import path from "node:path";
import { expect, type Page, type TestInfo } from "@playwright/test";
import { axe } from "./axe";

export const SCREENSHOT_WIDTHS = [375, 1280] as const;
const NARROWEST = 320;
const HEIGHT = 800;

export type TourFindings = Record<string, string[]>;

export function screenshotDir(testInfo: TestInfo): string {
  return path.join("test-results", "screenshots", testInfo.project.name);
}

/** Looks at the page now loaded as `name`; problems are collected, so one run reports them all. */
export async function tourPage(page: Page, testInfo: TestInfo, name: string, findings: TourFindings): Promise<void> {
  const problems: string[] = [];
  // Next.js streams the metadata; the page is settled once its title is in
  await expect(page).toHaveTitle(/Accounts$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.waitForLoadState("networkidle");

  await page.setViewportSize({ width: NARROWEST, height: HEIGHT });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (overflow > 0) problems.push(`scrolls sideways by ${overflow}px at ${NARROWEST}px`);

  const shoot = (file: string) => page.screenshot({ path: path.join(screenshotDir(testInfo), `${file}.png`), fullPage: true });
  const [phone, desktop] = SCREENSHOT_WIDTHS;
  // contrast depends on the scheme, not the width: axe each scheme once, at the phone width
  await page.setViewportSize({ width: phone, height: HEIGHT });
  for (const colorScheme of ["dark", "light"] as const) {
    await page.emulateMedia({ colorScheme });
    const { violations } = await axe(page).analyze();
    for (const v of violations) problems.push(`axe ${colorScheme}: ${v.id} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    await shoot(colorScheme === "dark" ? `${name}-${phone}-dark` : `${name}-${phone}`);
  }
  await page.setViewportSize({ width: desktop, height: HEIGHT });
  await shoot(`${name}-${desktop}`);
  if (problems.length > 0) findings[name] = problems;
}
