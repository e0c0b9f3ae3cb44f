// What a session hands out (SECURITY.md, "Sessions and links"): the cookie's
// claims are an allowlist (who, which session, when signed in, and the name and
// address the pages show), and Auth.js's session endpoint gives page scripts no
// internal id at all.
import { decode } from "next-auth/jwt";
import { createVerifiedAccount, sessionCookie, signIn } from "../support/accounts";
import { expect, test } from "../support/fixtures";

const CLAIMS = ["authTime", "email", "exp", "iat", "jti", "name", "sid", "sub"];

test("the session cookie holds only the allowed claims, stays small, and /api/auth/session shows no id", async ({ page, app }) => {
  const account = createVerifiedAccount(app);
  await signIn(page, account);
  await expect(page).toHaveURL(/\/profile$/);
  const cookie = await sessionCookie(page.context());
  if (!cookie) throw new Error("no session cookie after signing in");
  expect(cookie.value.length).toBeLessThan(4096);

  const claims = await decode({ token: cookie.value, secret: app.env.AUTH_SECRET ?? "", salt: cookie.name });
  expect(Object.keys(claims ?? {}).sort()).toEqual(CLAIMS);
  const user = await app.withDb((db) => db.user.findUniqueOrThrow({ where: { email: account.email }, select: { id: true } }));
  expect(claims).toMatchObject({ sub: user.id, email: account.email, name: account.name });

  const answer = await page.request.get("/api/auth/session");
  const session = (await answer.json()) as Record<string, unknown>;
  expect(session).toEqual({ expires: expect.any(String), user: { name: account.name, email: account.email } });
  expect(JSON.stringify(session)).not.toContain(user.id);
});
