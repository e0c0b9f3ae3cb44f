// The cookie an emailed link's token moves into follows the app's public
// address, as every other cookie does: behind a TLS-terminating proxy the
// request reaches the app over plain http, yet the cookie must be Secure.
import { request as httpClient } from "@playwright/test";
import { LINK_PAGES, LINK_TOKEN_COOKIE_SECONDS } from "../../lib/auth/link-pages";
import { expect, test } from "../support/fixtures";
import { startInstances } from "../support/instances";

const TOKEN = "A".repeat(43);

test("a link's token cookie is Secure and short-lived when the app's address is https, though the request came over http", async ({ dbKind }) => {
  test.skip(dbKind !== "postgres", "one run is enough: the cookie does not depend on the database");
  test.setTimeout(120_000);
  const instances = await startInstances(1, { AUTH_URL: "https://accounts.example.test" });
  const client = await httpClient.newContext({ baseURL: instances.servers[0]?.baseURL });
  try {
    for (const [page, name] of Object.entries(LINK_PAGES)) {
      const redirect = await client.get(`${page}?token=${TOKEN}`, { maxRedirects: 0 });
      expect(redirect.status(), page).toBe(303);
      const cookie = redirect.headersArray().find((header) => header.name.toLowerCase() === "set-cookie" && header.value.startsWith(`${name}=`));
      const attributes = (cookie?.value ?? "").split(/;\s*/).map((part) => part.toLowerCase());
      expect(attributes, page).toEqual(expect.arrayContaining(["secure", "httponly", "samesite=lax", `path=${page}`, `max-age=${LINK_TOKEN_COOKIE_SECONDS}`]));
    }
  } finally {
    await client.dispose();
    await instances.stop();
  }
});

test("over a plain-http address (development, loopback) the same cookie is not Secure, so the browser keeps it", async ({ page }) => {
  const redirect = await page.request.get(`/reset-password?token=${TOKEN}`, { maxRedirects: 0 });
  const cookie = redirect.headersArray().find((header) => header.name.toLowerCase() === "set-cookie" && header.value.startsWith("reset-token="));
  expect(cookie?.value).toMatch(/HttpOnly/i);
  expect(cookie?.value).not.toMatch(/;\s*Secure/i);
});
