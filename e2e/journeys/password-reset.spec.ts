// Password reset by emailed link, through the real mailbox, on both databases.
import { createVerifiedAccount, signIn } from "../support/accounts";
import { axe } from "../support/axe";
import { expect, javaScriptVariant, test } from "../support/fixtures";
import { uniqueEmail } from "../support/mail";
import { chooseNewPassword, NEW_PASSWORD, requestReset, resetLink } from "../support/reset";
import { signInQuickly } from "../support/settings";

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });
    javaScriptVariant(javaScriptEnabled);

    test("the whole reset journey signs every device out and sends a notice", async ({ page, browser, app }) => {
      const account = createVerifiedAccount(app);
      // two other browsers signed in to the account
      const others = await Promise.all([browser.newContext(), browser.newContext()]);
      for (const context of others) {
        const other = await context.newPage();
        await signIn(other, account);
        await expect(other).toHaveURL(/\/profile$/);
      }

      await requestReset(page, account.email);
      const link = await resetLink(app.sink, account.email);
      await page.goto(link);
      // the token leaves the address bar on the first load
      await expect(page).toHaveURL(`${app.baseURL}/reset-password`);
      await chooseNewPassword(page);
      await expect(page.getByText("Your password was changed and every device was signed out")).toBeVisible();

      for (const context of others) {
        const other = await context.newPage();
        await other.goto("/profile");
        await expect(other).toHaveURL(/\/login/);
        await context.close();
      }

      const notice = await app.sink.waitFor((m) => m.to.includes(account.email) && /password was changed/.test(m.subject));
      expect(notice.text).toContain("reset with an emailed link");
      expect(notice.text + notice.html).not.toContain(NEW_PASSWORD);
      expect(notice.html.length).toBeGreaterThan(0);

      await signIn(page, account);
      await expect(page.getByText("don't match an account")).toBeVisible();
      await signIn(page, { email: account.email, password: NEW_PASSWORD });
      await expect(page).toHaveURL(/\/profile$/);
    });
  });
}

test("an unknown address gets the identical page and no mail", async ({ page, app }) => {
  const known = createVerifiedAccount(app);
  const unknown = uniqueEmail("nobody");
  await requestReset(page, unknown);
  const unknownText = await page.locator("main").innerText();
  await requestReset(page, known.email);
  expect(await page.locator("main").innerText()).toBe(unknownText);
  await resetLink(app.sink, known.email); // the known address's mail has arrived...
  expect(app.sink.messagesTo(unknown)).toHaveLength(0); // ...and the unknown one got none
});

test("asking for a reset takes as long, answers the same and changes nothing, whether or not the address has an account", async ({ page, browser, app }) => {
  test.slow();
  const known = createVerifiedAccount(app);
  await signInQuickly(page, known);
  const accountState = () =>
    app.withDb((db) =>
      db.user.findUniqueOrThrow({
        where: { email: known.email },
        select: { passwordHash: true, emailVerified: true, email: true, sessions: { select: { id: true, revokedAt: true } } },
      }),
    );
  const before = await accountState();
  await page.context().clearCookies();
  const unknown = uniqueEmail("timing-nobody");

  // the page a person sees afterwards: the same words for both
  const pages = new Set<string>();
  for (const email of [known.email, unknown]) {
    await requestReset(page, email);
    pages.add((await page.locator("main").innerText()).replace(email, "<address>"));
  }
  expect([...pages]).toHaveLength(1);

  // the answer's time, over many posts: sent as a browser without JavaScript sends the form (its hidden
  // fields and the address), so the samples measure the server rather than page loads
  const formPage = await (await browser.newContext({ baseURL: app.baseURL, javaScriptEnabled: false })).newPage();
  await formPage.goto("/forgot-password");
  const hidden = await formPage
    .locator('main form input[type="hidden"]')
    .evaluateAll((inputs) => inputs.map((input) => [(input as HTMLInputElement).name, (input as HTMLInputElement).value]));
  const post = async (email: string) => {
    const started = performance.now();
    const response = await formPage.request.post("/forgot-password", { multipart: { ...Object.fromEntries(hidden), email }, headers: { origin: app.baseURL }, maxRedirects: 0 });
    return { ms: performance.now() - started, answer: `${response.status()} ${response.headers().location}` };
  };
  const samples: Record<"known" | "unknown", number[]> = { known: [], unknown: [] };
  const answers = new Set<string>();
  // alternating, so whatever else the machine does weighs on both alike; the per-address limit answers both the same way
  for (let round = 0; round < 30; round++) {
    for (const [kind, email] of [
      ["known", known.email],
      ["unknown", unknown],
    ] as const) {
      const { ms, answer } = await post(email);
      samples[kind].push(ms);
      answers.add(answer);
    }
  }
  expect([...answers]).toEqual(["303 /forgot-password?sent=1"]);
  await formPage.context().close();
  const [knownMedian, unknownMedian] = [median(samples.known), median(samples.unknown)];
  const allowed = Math.max(50, 0.2 * Math.max(knownMedian, unknownMedian));
  expect(Math.abs(knownMedian - unknownMedian), `medians ${knownMedian.toFixed(1)} vs ${unknownMedian.toFixed(1)} ms`).toBeLessThanOrEqual(allowed);
  expect(await accountState()).toEqual(before);
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

test("expired, reused, forged and superseded links each get a clear page", async ({ page, app }) => {
  // it restarts the embedded database's server midway; on a busy machine that and the first pages after it take half a minute
  test.slow();
  const account = createVerifiedAccount(app);

  await page.goto(`/reset-password?token=${"A".repeat(43)}`);
  await expect(page.getByRole("heading", { name: "This link doesn't work" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Send me a new link" })).toBeVisible();

  await requestReset(page, account.email);
  const first = await resetLink(app.sink, account.email, 1);
  await requestReset(page, account.email);
  const second = await resetLink(app.sink, account.email, 2);
  await page.goto(first);
  await expect(page.getByRole("heading", { name: "This link doesn't work" })).toBeVisible();

  await app.withDb((db) => db.token.updateMany({ where: { purpose: "RESET_PASSWORD", usedAt: null }, data: { expiresAt: new Date(Date.now() - 1000) } }));
  await page.goto(second);
  await expect(page.getByRole("heading", { name: "This link has expired" })).toBeVisible();

  await requestReset(page, account.email);
  const third = await resetLink(app.sink, account.email, 3);
  await page.goto(third);
  await chooseNewPassword(page);
  await expect(page).toHaveURL(/\/login\?reset=1$/);
  await page.goto(third);
  await expect(page.getByRole("heading", { name: "This link was already used" })).toBeVisible();
});

test("a weak new password is refused and the link still works", async ({ page, app }) => {
  const account = createVerifiedAccount(app);
  await requestReset(page, account.email);
  await page.goto(await resetLink(app.sink, account.email));
  await chooseNewPassword(page, "short");
  await expect(page.getByLabel("New password", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await chooseNewPassword(page);
  await expect(page).toHaveURL(/\/login\?reset=1$/);
});

test("two browsers using one link at once: exactly one wins", async ({ browser, page, app }) => {
  const account = createVerifiedAccount(app);
  await requestReset(page, account.email);
  const link = await resetLink(app.sink, account.email);
  const contexts = await Promise.all([browser.newContext(), browser.newContext()]);
  const pages = await Promise.all(contexts.map((context) => context.newPage()));
  await Promise.all(pages.map((racer) => racer.goto(link)));
  const passwords = ["first racer takes the crown", "second racer takes the crown"];
  await Promise.all(pages.map((racer, i) => chooseNewPassword(racer, passwords[i])));
  // the winner lands on sign-in, the other learns the link was used
  for (const racer of pages) {
    await expect(racer.getByRole("heading", { level: 1 })).toHaveText(/^(Sign in|This link was already used)$/);
  }
  const winners = pages.map((racer) => racer.url().endsWith("/login?reset=1"));
  expect(winners.filter(Boolean)).toHaveLength(1);
  const winner = passwords[winners.indexOf(true)] ?? "";
  await signIn(page, { email: account.email, password: winner });
  await expect(page).toHaveURL(/\/profile$/);
  await Promise.all(contexts.map((context) => context.close()));
});

test("reset pages have no accessibility violations", async ({ page, app }) => {
  const account = createVerifiedAccount(app);
  await page.goto("/forgot-password");
  expect((await axe(page).analyze()).violations).toEqual([]);
  await requestReset(page, account.email);
  expect((await axe(page).analyze()).violations).toEqual([]);
  await page.goto(await resetLink(app.sink, account.email));
  expect((await axe(page).analyze()).violations).toEqual([]);
  await chooseNewPassword(page, "short");
  expect((await axe(page).analyze()).violations).toEqual([]);
});
