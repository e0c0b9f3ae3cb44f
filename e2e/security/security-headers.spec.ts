// Headers [56-58]: every page, signed in and out, carries a nonce-based
// Content-Security-Policy that the browser never has to enforce against the
// app itself, and the other protective headers; personal and link pages are
// never stored by a cache; the build serves no source maps.
import type { Page, Response } from "@playwright/test";
import { newAccount, register, verificationLink } from "../support/accounts";
import { expect, test } from "../support/fixtures";
import { signedInAccount } from "../support/settings";

const SIGNED_OUT_PAGES = ["/", "/login", "/register", "/forgot-password", "/verify-email", "/reset-password", "/confirm-email", "/account-deleted"];
const SIGNED_IN_PAGES = ["/profile", "/profile/edit", "/settings/email", "/settings/password", "/settings/sessions", "/settings/delete", "/settings/activity"];
const LINK_PAGES = ["/verify-email", "/reset-password", "/confirm-email"];

/** Every CSP complaint the browser makes on this page, from its console. */
function cspViolations(page: Page): string[] {
  const found: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) found.push(`${page.url()}: ${message.text()}`);
  });
  return found;
}

/** Checks one page's response: the policy, its nonce on every script, the other headers. */
async function expectProtectiveHeaders(response: Response | null, path: string) {
  if (!response) throw new Error(`no response for ${path}`);
  const headers = response.headers();
  const policy = headers["content-security-policy"] ?? "";
  const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy)?.[1];
  expect(nonce, `${path}: a nonce in ${policy}`).toBeTruthy();
  expect(policy, path).toContain("'strict-dynamic'");
  expect(policy, path).not.toContain("unsafe-eval");
  expect(policy, path).toContain("frame-ancestors 'none'");
  expect(policy, path).toContain("form-action 'self'");
  // every script the server wrote carries this response's nonce, or the browser would refuse it
  const html = await response.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
  expect(scripts.length, `${path} has scripts`).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
  expect(headers["x-content-type-options"], path).toBe("nosniff");
  expect(headers["cross-origin-opener-policy"], path).toBe("same-origin");
  expect(headers["x-frame-options"], path).toBe("DENY");
  // a link page tells no other site about itself (its redirect, which held the token, sends no Referer at all)
  expect(headers["referrer-policy"], path).toBe(LINK_PAGES.includes(path) ? "same-origin" : "strict-origin-when-cross-origin");
  expect(headers["x-powered-by"], path).toBeUndefined();
  // HSTS only over HTTPS (the unit test of security-headers checks it is sent there): here the app is plain http
  expect(headers["strict-transport-security"], path).toBeUndefined();
  return headers;
}

test("Headers: every page has a nonce-based policy and no CSP violations, signed out and in", async ({ page, app }) => {
  const violations = cspViolations(page);
  for (const path of SIGNED_OUT_PAGES) {
    const headers = await expectProtectiveHeaders(await page.goto(path), path);
    if (LINK_PAGES.includes(path)) expect(headers["cache-control"], path).toContain("no-store");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  }
  await signedInAccount(page, app);
  for (const path of SIGNED_IN_PAGES) {
    const headers = await expectProtectiveHeaders(await page.goto(path), path);
    expect(headers["cache-control"], path).toContain("no-store");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  }
  // the scripts ran under the policy: a client-side navigation works
  await page.getByRole("navigation", { name: "Account settings" }).getByRole("link", { name: "Password" }).click();
  await expect(page).toHaveURL(/\/settings\/password$/);
  expect(violations).toEqual([]);
});

test("Headers: an emailed link's redirect sends no Referer and moves its token into a cookie", async ({ page, app }) => {
  const account = newAccount("headers-link");
  await register(page, account);
  const link = await verificationLink(app, account.email);
  const redirect = await page.request.get(link, { maxRedirects: 0 });
  expect(redirect.status()).toBe(303);
  expect(redirect.headers()["referrer-policy"]).toBe("no-referrer");
  expect(redirect.headers().location).toMatch(/\/verify-email$/);
  expect(redirect.headers()["set-cookie"]).toMatch(/verify-token=.*HttpOnly/i);
});

test("Headers: the production build serves no source maps", async ({ page }) => {
  const html = await (await page.request.get("/login")).text();
  const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+\.js)"/g)].map(([, src]) => src ?? "");
  expect(scripts.length).toBeGreaterThan(0);
  for (const src of scripts) {
    const script = await page.request.get(src);
    expect(script.status(), src).toBe(200);
    expect(await script.text(), src).not.toContain("sourceMappingURL=");
    expect((await page.request.get(`${src}.map`)).status(), `${src}.map`).toBe(404);
  }
});
