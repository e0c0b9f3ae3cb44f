import type { Page, Response } from "@playwright/test";

/** How long the server took to answer the form post the page makes during `submit` (ms), rendering in the browser aside. */
export async function answerTime(page: Page, submit: () => Promise<void>): Promise<number> {
  const posted = page.waitForResponse((response: Response) => response.request().method() === "POST");
  await submit();
  const timing = (await posted).request().timing();
  return timing.responseStart - timing.requestStart;
}
