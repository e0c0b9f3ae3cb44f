// A burst of sign-ins from one client address (SECURITY.md, "Passwords";
// issue 15, finding 2): it may fill only its share of the password hashing
// queue, so a person at another address still signs in meanwhile. (Across two
// instances, with the per-IP limit, in two-instances.spec.ts.)
import { createVerifiedAccount, sessionCookie, signInThroughAuthRoute } from "../support/accounts";
import { expect, test } from "../support/fixtures";
import { uniqueEmail } from "../support/mail";
import { signInFromSecondAddress } from "../support/second-address";

/** More than the hashing queue (PASSWORD_HASH_QUEUE, 64) holds, so without a per-address share it overflows. */
const BURST = 90;

test("a burst of guesses from one address leaves a sign-in from another address working", async ({ page, app }) => {
  test.setTimeout(120_000);
  const account = createVerifiedAccount(app);
  // unknown addresses each time: only the per-IP limits could stop them, and the test servers lift those
  const burst = Array.from({ length: BURST }, () => signInFromSecondAddress(app.baseURL, { email: uniqueEmail("burst"), password: "a guess from the burst" }));
  // the burst is in the server's hands before the bystander arrives
  await new Promise((resolve) => setTimeout(resolve, 500));
  const bystander = await signInThroughAuthRoute(page.request, { ...account, callbackUrl: "/profile" }, { maxRedirects: 0 });
  const codes = await Promise.all(burst);

  expect(bystander.headers().location).toMatch(/\/profile$/);
  expect(await sessionCookie(page.context())).toBeDefined();
  // the burst itself was answered: refused as wrong, or told to try again, never left hanging
  expect(new Set(codes)).toEqual(new Set(["credentials", "busy"]));
  expect(codes.filter((code) => code === "busy").length).toBeGreaterThan(0);
});
