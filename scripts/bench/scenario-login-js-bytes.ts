// Scenario 5: the JavaScript a browser downloads to show /login, as bytes
// over the wire (gzip). Next 16 no longer prints "First Load JS", so a real
// browser loads the page and every script response is added up. Chromium is
// launched exactly as the end-to-end tests launch it. The form's validation
// code arrives when the form is first used; it is reported beside the ratio.
import { chromium, type Response } from "@playwright/test";
import playwrightConfig from "../../playwright.config";
import type { BenchContext } from "./context";
import type { ScenarioResult } from "./report";

const BUDGET_KIB = 150;

type ScriptSize = { url: string; wireBytes: number; bodyBytes: number; encoding: string };

async function scriptSize(response: Response): Promise<ScriptSize> {
  const sizes = await response.request().sizes();
  const body = await response.body();
  const contentLength = Number(response.headers()["content-length"] ?? Number.NaN);
  // responseBodySize is the encoded size; fall back to the header if the browser did not report it
  const wireBytes = sizes.responseBodySize > 0 ? sizes.responseBodySize : Number.isFinite(contentLength) ? contentLength : body.length;
  return { url: response.url(), wireBytes, bodyBytes: body.length, encoding: response.headers()["content-encoding"] ?? "identity" };
}

export async function loginJavaScriptBytes({ server }: BenchContext): Promise<ScenarioResult> {
  const browser = await chromium.launch(playwrightConfig.use?.launchOptions);
  try {
    const page = await browser.newPage();
    const pending: Promise<ScriptSize>[] = [];
    page.on("response", (response) => {
      if (response.request().resourceType() === "script") pending.push(scriptSize(response));
    });
    await page.goto(`${server.baseURL}/login`, { waitUntil: "networkidle" });
    const scripts = await Promise.all(pending.splice(0));
    const fetched = page.waitForResponse((response) => response.request().resourceType() === "script", { timeout: 10_000 });
    await page.getByLabel("Email").focus();
    await fetched;
    await page.waitForTimeout(500); // the form's code comes in a chunk or two, requested together
    const onFirstUse = await Promise.all(pending);
    const onFirstUseKiB = onFirstUse.reduce((sum, script) => sum + script.wireBytes, 0) / 1024;
    if (scripts.length === 0) throw new Error("the page loaded no scripts: is this really the production build?");
    const wire = scripts.reduce((sum, script) => sum + script.wireBytes, 0);
    const body = scripts.reduce((sum, script) => sum + script.bodyBytes, 0);
    const encodings = [...new Set(scripts.map((script) => script.encoding))].join(", ");
    const kib = wire / 1024;
    const largest = [...scripts].sort((a, b) => b.wireBytes - a.wireBytes).slice(0, 3);
    return {
      measured: `${kib.toFixed(1)} KiB`,
      baseline: "—",
      score: kib,
      scoreIs: "measured",
      target: { op: "≤", value: BUDGET_KIB, unit: " KiB" },
      details: [
        `${scripts.length} script responses, ${wire} bytes over the wire (${encodings}), ${(body / 1024).toFixed(1)} KiB uncompressed`,
        `then, when the form is first used: ${onFirstUse.length} more script(s), ${onFirstUseKiB.toFixed(1)} KiB (its validation code)`,
        `largest: ${largest.map((script) => `${new URL(script.url).pathname.split("/").pop()} ${(script.wireBytes / 1024).toFixed(1)} KiB`).join(", ")}`,
        "inline scripts in the HTML (the RSC payload) are part of the document and not counted",
      ],
    };
  } finally {
    await browser.close();
  }
}
