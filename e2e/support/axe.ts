// axe-core on the page as it is now. Legacy mode runs it in the page itself:
// the default opens a second, blank page for every analysis to merge the
// results of cross-origin frames, which these pages never have (frame-src and
// frame-ancestors keep them out), at twice the time of the analysis itself.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

export function axe(page: Page): AxeBuilder {
  return new AxeBuilder({ page }).setLegacyMode();
}
