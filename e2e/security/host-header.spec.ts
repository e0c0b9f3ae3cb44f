// Host and redirects (SECURITY.md, "The browser"): links, redirects and emails
// use the configured app URL. A client that is not a trusted proxy cannot move
// them elsewhere with forwarded headers: the server drops those headers before
// Next.js or Auth.js reads them.
import { createVerifiedAccount, newAccount, register, signInThroughAuthRoute, verificationLink } from "../support/accounts";
import { expect, test } from "../support/fixtures";
import { linksIn, mailsTo } from "../support/mail";
import { requestReset, RESET_SUBJECT, resetLink } from "../support/reset";

const FORGED = { "x-forwarded-host": "attacker.example", "x-forwarded-proto": "https", "x-forwarded-port": "443" };

test.use({ extraHTTPHeaders: FORGED });

test("Host and redirects: forged forwarded headers change no link in any email", async ({ page, app }) => {
  const account = newAccount("forged-host");
  // fence 3: a form post with the forged headers still works: Next.js never saw them (it would refuse the
  // action, its Origin no longer matching the host it was told)
  await register(page, account);
  expect(new URL(await verificationLink(app, account.email)).origin).toBe(app.baseURL);

  await requestReset(page, account.email);
  expect(new URL(await resetLink(app.sink, account.email)).origin).toBe(app.baseURL);
  for (const mail of [...mailsTo(app.sink, account.email, /./)]) {
    for (const link of linksIn(mail)) expect(new URL(link).origin, `${mail.subject}: ${link}`).toBe(app.baseURL);
  }
  expect(mailsTo(app.sink, account.email, RESET_SUBJECT)).toHaveLength(1);
});

test("Host and redirects: forged forwarded headers change no redirect", async ({ page, request, app }) => {
  const account = createVerifiedAccount(app);
  const signedIn = await signInThroughAuthRoute(page.request, { ...account, callbackUrl: "/profile" }, { maxRedirects: 0 });
  expect(signedIn.status()).toBe(302);
  const location = new URL(signedIn.headers().location ?? "", app.baseURL);
  expect(location.hostname).not.toBe("attacker.example");
  expect(location.pathname).toBe("/profile");

  // the request fixture has no session: the signed-in zone sends it to sign in, on this host
  const signedOut = await request.get("/profile", { maxRedirects: 0 });
  expect(signedOut.status()).toBe(307);
  expect(new URL(signedOut.headers().location ?? "", app.baseURL).origin).toBe(app.baseURL);
});
