// Cross-site requests refused [51-53]: a state-changing request must come
// from the app's own pages. Another site's form (even a faithful copy of
// ours, with its hidden action fields) is refused and changes nothing, as
// are requests with no Origin, `Origin: null`, or a cross-site fetch.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { freePort } from "../support/app-server";
import { expect, test } from "../support/fixtures";
import { signedInAccount } from "../support/settings";

const REFUSED = "Cross-site request refused.";

/** Another site, on another port: serves whatever page the test gives it. */
async function foreignSite(html: string) {
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    response.end(html);
  });
  await new Promise<void>(async (resolve) => server.listen(await freePort(), "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** The page's form that holds `field`, as HTML, posting to the app from wherever it is served. */
function copyOfForm(html: string, field: string, baseURL: string, path: string): string {
  const form = [...html.matchAll(/<form\b[\s\S]*?<\/form>/g)].map(([f]) => f).find((f) => f.includes(`name="${field}"`));
  if (!form) throw new Error(`no form with ${field} on ${path}`);
  return form.replace(/<form\b[^>]*>/, `<form method="post" action="${baseURL}${path}" enctype="multipart/form-data">`);
}

test.describe("Cross-site requests refused", () => {
  test.use({ javaScriptEnabled: false }); // the foreign page is a plain form, as a CSRF attack would be

  test("a copy of the profile form on another site cannot change the profile", async ({ page, app }) => {
    await signedInAccount(page, app);
    const edit = await page.request.get("/profile/edit");
    const form = copyOfForm(await edit.text(), "name", app.baseURL, "/profile/edit").replace(/(name="name"[^>]*value=")[^"]*"/, '$1Mallory"');
    expect(form).toContain('value="Mallory"');
    const site = await foreignSite(`<!doctype html><title>Win a prize</title>${form}`);
    try {
      await page.goto(site.url);
      const posted = page.waitForResponse((response) => response.request().method() === "POST");
      await page.getByRole("button", { name: "Save profile" }).click();
      const response = await posted;
      expect(response.status()).toBe(403);
      expect(await response.text()).toBe(REFUSED);
    } finally {
      await site.close();
    }
    await page.goto("/profile");
    await expect(page.getByRole("heading", { level: 1 })).not.toContainText("Mallory");
    await expect(page.getByText("Ada Lovelace").first()).toBeVisible();
  });

  test("another site's form cannot sign the user out through Auth.js's route", async ({ page, app }) => {
    await signedInAccount(page, app);
    const csrf = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const site = await foreignSite(
      `<!doctype html><title>Hello</title><form method="post" action="${app.baseURL}/api/auth/signout">` +
        `<input type="hidden" name="csrfToken" value="${csrf.csrfToken}"><button>Continue</button></form>`,
    );
    try {
      await page.goto(site.url);
      const posted = page.waitForResponse((response) => response.request().method() === "POST");
      await page.getByRole("button", { name: "Continue" }).click();
      expect((await posted).status()).toBe(403);
    } finally {
      await site.close();
    }
    await page.goto("/profile");
    await expect(page).toHaveURL(/\/profile$/);
  });

  test("requests with no Origin, Origin null, a foreign Origin or a cross-site fetch are refused and recorded", async ({ page, app }) => {
    const own = new URL(app.baseURL).origin;
    const attempts: [string, Record<string, string>][] = [
      ["/register", {}],
      ["/register", { origin: "null" }],
      ["/login", { origin: "https://attacker.example" }],
      ["/api/auth/callback/credentials", { origin: "https://attacker.example" }],
      ["/api/auth/signout", { origin: own, "sec-fetch-site": "cross-site" }],
      ["/forgot-password", { origin: own, "sec-fetch-site": "same-site" }],
    ];
    for (const [path, headers] of attempts) {
      const response = await page.request.post(path, { headers, form: { email: "someone@example.test" }, maxRedirects: 0 });
      expect(response.status(), `${path} ${JSON.stringify(headers)}`).toBe(403);
      expect(await response.text()).toBe(REFUSED);
    }
    // the same request from the app's own origin passes the check (and reaches Auth.js, which answers it)
    const ownPost = await page.request.post("/api/auth/signout", { headers: { origin: own, "sec-fetch-site": "same-origin" }, form: {}, maxRedirects: 0 });
    expect(ownPost.status()).not.toBe(403);

    const refused = await app.withDb((db) => db.securityEvent.findMany({ where: { type: "csrf_rejected" } }));
    const paths = refused.map((event) => (event.detail as { path?: string } | null)?.path);
    for (const [path] of attempts) expect(paths).toContain(path);
    expect(refused.every((event) => event.outcome === "refused")).toBe(true);
  });
});
