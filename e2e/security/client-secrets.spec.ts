// No secret reaches a browser (SECURITY.md, "Secrets, connections and
// dependencies"). Two ways in:
// - the build: `next build` inlines what it reads into .next/static and the
//   prerendered pages, so those files must hold none of the secrets the build
//   could have seen (this runner's environment, which CI's build step shares,
//   and the development secrets in .data/ that lib/env.ts falls back to);
// - the running app: a production server given unique secrets (a password in
//   DATABASE_URL and SMTP_URL too) must not send one in any page, any script
//   those pages load, or Auth.js's session answer, signed in or out.
// A sentinel build would cost a second build; the values the build could have
// read are what a build can leak, so they are the ones searched for.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { signInThroughAuthRoute } from "../support/accounts";
import type { AppOptions } from "../support/fixtures";
import { startOwnServer, type OwnServer } from "../support/own-server";

/** A URL's password, if it has one. */
function urlPassword(url: string | undefined): string | undefined {
  try {
    return url ? decodeURIComponent(new URL(url).password) || undefined : undefined;
  } catch {
    return undefined;
  }
}

function filesUnder(dir: string, keep: (file: string) => boolean): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, encoding: "utf8" }) as string[]).map((file) => path.join(dir, file)).filter((file) => fs.statSync(file).isFile() && keep(file));
}

function readSecret(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Which of the named values occur in the text. */
function found(text: string, secrets: Record<string, string | undefined>): string[] {
  return Object.entries(secrets)
    .filter(([, value]) => value !== undefined && value.length >= 8 && text.includes(value))
    .map(([name]) => name);
}

// a URL with a password in it, whatever the password is
const CREDENTIALED_URL = /\b(postgres(ql)?|smtps?):\/\/[^\s"'`/:@]+:[^\s"'`/@]+@/;

test("the built client files hold none of the secrets the build could read", async ({}, testInfo) => {
  test.skip(testInfo.project.name !== "postgres", "one run is enough: the build is the same");
  const env = process.env;
  const secrets = {
    AUTH_SECRET: env.AUTH_SECRET,
    PASSWORD_PEPPER: env.PASSWORD_PEPPER,
    DATABASE_URL: env.DATABASE_URL,
    "DATABASE_URL password": urlPassword(env.DATABASE_URL),
    "SMTP_URL password": urlPassword(env.SMTP_URL),
    ".data/auth-secret": readSecret(".data/auth-secret"),
    ".data/password-pepper": readSecret(".data/password-pepper"),
  };
  const files = [...filesUnder(".next/static", () => true), ...filesUnder(".next/server/app", (file) => /\.(html|rsc|body|meta)$/.test(file))];
  expect(files.filter((file) => file.endsWith(".js")).length, "run `npm run build` first").toBeGreaterThan(10);
  expect(
    files.some((file) => file.endsWith(".html")),
    "prerendered pages are searched too",
  ).toBe(true);
  const leaks = files.flatMap((file) => {
    const text = fs.readFileSync(file, "latin1");
    return [...found(text, secrets), ...(CREDENTIALED_URL.test(text) ? ["a URL with a password"] : [])].map((name) => `${name} in ${file}`);
  });
  expect(leaks).toEqual([]);
});

let own: OwnServer | undefined;
test.afterEach(async () => {
  await own?.stop();
  own = undefined;
});

test("the running app sends none of its secrets in any page, script or session answer", async ({}, testInfo) => {
  test.setTimeout(120_000);
  const dbKind = (testInfo.project.use as AppOptions).dbKind;
  const sentinel = (label: string) => `${label}-${randomBytes(24).toString("base64url")}`;
  const dbPassword = sentinel("dbpass");
  const smtpPassword = sentinel("smtppass");
  own = await startOwnServer(dbKind, () => ({}));
  // trust authentication ignores the password, so PostgreSQL's URL can carry one; PGlite's has no place for it
  const databaseUrl = dbKind === "postgres" ? own.env.DATABASE_URL?.replace("://postgres@", `://postgres:${dbPassword}@`) : own.env.DATABASE_URL;
  // no mail is sent in this test: the sink never sees these credentials
  await own.restart({ DATABASE_URL: databaseUrl ?? "", SMTP_URL: (own.env.SMTP_URL ?? "").replace("smtp://", `smtp://mailer:${smtpPassword}@`) });
  const secrets: Record<string, string | undefined> = {
    AUTH_SECRET: own.env.AUTH_SECRET,
    PASSWORD_PEPPER: own.env.PASSWORD_PEPPER,
    DATABASE_URL: own.env.DATABASE_URL,
    "DATABASE_URL password": dbKind === "postgres" ? dbPassword : undefined,
    "SMTP_URL password": smtpPassword,
  };
  if (dbKind === "postgres") expect(own.env.DATABASE_URL).toContain(dbPassword);

  const signedOut = await playwrightRequest.newContext({ baseURL: own.baseURL });
  const signedIn = await playwrightRequest.newContext({ baseURL: own.baseURL });
  expect((await signInThroughAuthRoute(signedIn, own.account)).ok()).toBe(true);
  const pages: [APIRequestContext, string][] = [
    ...["/", "/login", "/register", "/forgot-password", "/api/auth/session", "/api/auth/csrf"].map((page): [APIRequestContext, string] => [signedOut, page]),
    ...["/profile", "/settings/email", "/settings/password", "/settings/sessions", "/settings/activity", "/settings/delete", "/api/auth/session"].map(
      (page): [APIRequestContext, string] => [signedIn, page],
    ),
  ];
  const scripts = new Set<string>();
  const leaks: string[] = [];
  let profile = "";
  for (const [client, page] of pages) {
    const response = await client.get(page);
    expect(response.status(), page).toBeLessThan(400);
    const body = await response.text();
    if (page === "/profile") profile = body;
    leaks.push(...found(body + JSON.stringify(response.headers()), secrets).map((name) => `${name} in ${page}`));
    for (const match of body.matchAll(/\/_next\/static\/[^"'\s\\)]+/g)) scripts.add(match[0]);
  }
  // the scan reads what a signed-in person sees: their own address is on the profile page
  expect(profile).toContain(own.account.email);
  expect(scripts.size).toBeGreaterThan(3);
  for (const script of scripts) {
    const body = await (await signedOut.get(script)).text();
    leaks.push(...found(body, secrets).map((name) => `${name} in ${script}`));
  }
  await Promise.all([signedOut.dispose(), signedIn.dispose()]);
  expect(leaks).toEqual([]);
});
