// Changing the sign-in email through both mailboxes, with and without
// JavaScript: the new address proves itself with a link, the old one hears of
// every step, and the switch ends old reset links and the old sign-in. An
// address that has an account gets no link and the requester learns nothing.
import type { Browser, Page } from "@playwright/test";
import { createVerifiedAccount, signIn } from "../support/accounts";
import { expect, javaScriptVariant, test, type App } from "../support/fixtures";
import { linkFromMail, linksIn, mailsTo, uniqueEmail } from "../support/mail";
import {
  CHANGE_REQUESTED_SUBJECT,
  CONFIRM_CHANGE_SUBJECT,
  confirmEmailChange,
  EMAIL_CHANGED_SUBJECT,
  EMAIL_IN_USE_SUBJECT,
  expectFieldError,
  requestEmailChange,
  SIGN_IN_FAILED,
  signedInAccount,
  signInToProfile,
  signOut,
  WRONG_PASSWORD,
} from "../support/settings";

const confirmLink = (app: App, to: string, count = 1) => linkFromMail(app.sink, to, CONFIRM_CHANGE_SUBJECT, "/confirm-email?token=", count);

/** A reset link for `email`, asked for from a signed-out browser. */
async function resetLinkFor(browser: Browser, app: App, email: string) {
  const context = await browser.newContext({ baseURL: app.baseURL });
  const page = await context.newPage();
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send me a reset link" }).click();
  await expect(page.getByText("If that address has an account, we've sent a link")).toBeVisible();
  await context.close();
  return linkFromMail(app.sink, email, /Reset your/, "/reset-password?token=");
}

/** The page's text with the addresses it names replaced, to compare two answers. */
async function mainTextWithout(page: Page, addresses: string[]) {
  const text = await page.getByRole("main").innerText();
  return addresses.reduce((result, address) => result.replaceAll(address, "<address>"), text);
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });
    javaScriptVariant(javaScriptEnabled);

    test("the whole change: request, notices to both addresses, confirm, sign in with the new one only", async ({ page, browser, app }) => {
      const account = await signedInAccount(page, app);
      const oldEmail = account.email;
      const newEmail = uniqueEmail("new");
      const oldResetLink = await resetLinkFor(browser, app, oldEmail);

      await requestEmailChange(page, newEmail, account.password);
      await expect(page).toHaveURL(/\/settings\/email\?requested=1$/);
      await expect(page.getByRole("status")).toContainText(`We've sent a confirmation link to ${newEmail}`);
      await expect(page.getByText(`Waiting for confirmation: ${newEmail}`)).toBeVisible();

      const requested = await app.sink.waitFor((m) => m.to.includes(oldEmail) && CHANGE_REQUESTED_SUBJECT.test(m.subject));
      expect(requested.text).toContain(newEmail);
      expect(linksIn(requested).some((link) => link.includes("token="))).toBe(false);
      const link = await confirmLink(app, newEmail);
      expect(mailsTo(app.sink, oldEmail, CONFIRM_CHANGE_SUBJECT)).toHaveLength(0);

      // until the link is followed, nothing has changed
      await page.goto("/profile");
      await expect(page.getByRole("main")).toContainText(`${oldEmail} Verified`);
      await expect(page.getByRole("main")).toContainText(`Changing to ${newEmail}: waiting for confirmation.`);

      await page.goto(link);
      await expect(page.getByRole("heading", { name: "Confirm your new email" })).toBeVisible();
      await page.getByRole("button", { name: "Confirm my new email" }).click();
      await expect(page).toHaveURL(/\/confirm-email\?status=changed$/);
      await expect(page.getByRole("heading", { name: "Your email was changed" })).toBeVisible();

      for (const address of [oldEmail, newEmail]) {
        const changed = await app.sink.waitFor((m) => m.to.includes(address) && EMAIL_CHANGED_SUBJECT.test(m.subject));
        expect(changed.text).toContain(`signed in as ${oldEmail} now signs in as ${newEmail}`);
      }
      await page.goto("/profile");
      await expect(page.getByRole("main")).toContainText(`${newEmail} Verified`);
      await expect(page.getByRole("main")).not.toContainText("waiting for confirmation");

      // a reset link sent to the old address before the change is dead
      await page.goto(oldResetLink);
      await expect(page.getByRole("heading", { name: "This link doesn't work" })).toBeVisible();
      // and the confirmation link works once
      await confirmEmailChange(page, link);
      await expect(page.getByRole("heading", { name: "This link was already used" })).toBeVisible();

      await page.goto("/profile");
      await signOut(page, app);
      await signIn(page, { email: oldEmail, password: account.password });
      await expect(page.getByRole("main").getByRole("alert")).toContainText(SIGN_IN_FAILED);
      await signInToProfile(page, { email: newEmail, password: account.password });
      await expect(page.getByRole("main")).toContainText(newEmail);
    });

    test("refusals change nothing; an address with an account gets the same page and no link; a cancelled change's link dies", async ({ page, app }) => {
      const owner = createVerifiedAccount(app);
      const account = await signedInAccount(page, app);

      await requestEmailChange(page, uniqueEmail("never"), "not my password at all");
      await expectFieldError(page.getByLabel("Current password"), WRONG_PASSWORD);
      await expect(page).toHaveURL(/\/settings\/email$/);
      await expect(page.getByText("Waiting for confirmation")).toHaveCount(0);
      await requestEmailChange(page, account.email.toUpperCase(), account.password);
      await expectFieldError(page.getByLabel("New email"), "That is already your sign-in email.");

      await requestEmailChange(page, owner.email, account.password);
      await expect(page).toHaveURL(/\/settings\/email\?requested=1$/);
      const takenAnswer = await mainTextWithout(page, [owner.email]);
      const inUse = await app.sink.waitFor((m) => m.to.includes(owner.email) && EMAIL_IN_USE_SUBJECT.test(m.subject));
      expect(linksIn(inUse).some((link) => link.includes("token="))).toBe(false);

      const free = uniqueEmail("free");
      await requestEmailChange(page, free, account.password);
      await expect(page).toHaveURL(/\/settings\/email\?requested=1$/);
      expect(await mainTextWithout(page, [free])).toBe(takenAnswer);
      const link = await confirmLink(app, free);
      // by now every mail of the three attempts has been sent: two notices to the mover (none for
      // the wrong password), one to the owner, and a link only to the free address
      await app.sink.waitFor(() => mailsTo(app.sink, account.email, CHANGE_REQUESTED_SUBJECT).length >= 2);
      expect(mailsTo(app.sink, account.email, CHANGE_REQUESTED_SUBJECT)).toHaveLength(2);
      expect(mailsTo(app.sink, owner.email, EMAIL_IN_USE_SUBJECT)).toHaveLength(1);
      expect(mailsTo(app.sink, owner.email, CONFIRM_CHANGE_SUBJECT)).toHaveLength(0);
      expect(app.sink.messages.filter((m) => m.to.some((to) => to.startsWith("never-")))).toHaveLength(0);

      // cancelling the pending change kills its link
      await page.getByRole("button", { name: "Cancel this change" }).click();
      await expect(page).toHaveURL(/\/settings\/email\?cancelled=1$/);
      await expect(page.getByRole("status")).toContainText(`The change was cancelled. You keep signing in with ${account.email}.`);
      await expect(page.getByRole("button", { name: "Cancel this change" })).toHaveCount(0);
      await confirmEmailChange(page, link);
      await expect(page.getByRole("heading", { name: "This link doesn't work" })).toBeVisible();
      await page.goto("/profile");
      await expect(page.getByRole("main")).toContainText(`${account.email} Verified`);
      await expect(page.getByRole("main")).not.toContainText("waiting for confirmation");
    });
  });
}
