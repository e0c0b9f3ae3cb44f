// A pre-claimed account (issue 15, finding 4): someone registers a stranger's
// address with a password of their own and a "name" written to pass for a
// message from us. The stranger's inbox never shows their words; pressing
// Confirm without that password confirms nothing, so the registrant never
// gets a verified account; and the stranger takes the address over with a
// password reset, after which the registrant's password no longer works.
import { ACCOUNT_EXISTS_SUBJECT, register, signIn, submitConfirmation, verificationLink, VERIFY_SUBJECT } from "../support/accounts";
import { expect, test } from "../support/fixtures";
import { mailsTo, uniqueEmail } from "../support/mail";
import { chooseNewPassword, NEW_PASSWORD, requestReset, RESET_SUBJECT, resetLink } from "../support/reset";

const HOSTILE_NAME = "Security alert. Call +1 555 0100 now";
const HOSTILE_TEXT = /Security alert|555 0100/;

test("a stranger's address registered by someone else: no hostile text in mail, no verified account, and the owner takes it over", async ({ browser, app }) => {
  test.slow(); // two registrations, a reset and four sign-ins, each with its password hashing
  const victimEmail = uniqueEmail("victim");
  const attackerContext = await browser.newContext({ baseURL: app.baseURL });
  const attacker = await attackerContext.newPage();
  const claim = { name: HOSTILE_NAME, email: victimEmail, password: "the attacker chose this passphrase" };
  await register(attacker, claim);

  // the victim's inbox: a confirmation mail with nothing the attacker typed in any part
  const link = await verificationLink(app, victimEmail);
  const [mail] = mailsTo(app.sink, victimEmail, VERIFY_SUBJECT);
  for (const part of [mail?.subject, mail?.text, mail?.html, mail?.raw]) expect(part).not.toMatch(HOSTILE_TEXT);
  expect(mail?.text).toContain("If you did not create an account, ignore this email: nothing happens without the password.");

  // the victim opens it and presses Confirm, in a browser without JavaScript: without the password, nothing happens
  const victimContext = await browser.newContext({ baseURL: app.baseURL, javaScriptEnabled: false });
  const victim = await victimContext.newPage();
  await victim.goto(link);
  await expect(victim.getByRole("main")).not.toContainText(HOSTILE_TEXT);
  await victim.getByRole("button", { name: "Confirm my email" }).click();
  await expect(victim.getByRole("main").getByRole("alert")).toContainText("Enter your password.");
  await submitConfirmation(victim, "the victim's own usual password");
  await expect(victim.getByRole("main").getByRole("alert")).toContainText("That is not this account's password.");
  const account = () => app.withDb((db) => db.user.findUniqueOrThrow({ where: { email: victimEmail } }));
  expect((await account()).emailVerified).toBeNull();

  // so the attacker, with the right password, is still not signed in
  await signIn(attacker, claim);
  await expect(attacker.getByRole("main").getByRole("alert")).toContainText("Confirm your email address first");
  await expect(attacker).toHaveURL(/\/login$/);

  // the victim signs up for real: the page reads as always, the inbox says there is an account and how to reset
  await register(victim, { name: "Victim", email: victimEmail, password: "the victim's own passphrase" });
  const notice = await app.sink.waitFor((m) => m.to.includes(victimEmail) && ACCOUNT_EXISTS_SUBJECT.test(m.subject));
  expect(notice.text).toContain(`${app.baseURL}/forgot-password`);

  // a completed reset proves the mailbox: the victim's password, and the address verified
  await requestReset(victim, victimEmail);
  await victim.goto(await resetLink(app.sink, victimEmail));
  await chooseNewPassword(victim);
  await expect(victim).toHaveURL(/\/login\?reset=1$/);
  for (const message of [notice, ...mailsTo(app.sink, victimEmail, RESET_SUBJECT)]) {
    for (const part of [message.subject, message.text, message.html]) expect(part).not.toMatch(HOSTILE_TEXT);
  }
  expect((await account()).emailVerified).toBeInstanceOf(Date);
  await signIn(victim, { email: victimEmail, password: NEW_PASSWORD });
  await expect(victim).toHaveURL(/\/profile$/);
  await expect(victim.getByRole("main")).toContainText("Verified");

  // the attacker's password is refused like any wrong one
  await signIn(attacker, claim);
  await expect(attacker.getByRole("main").getByRole("alert")).toContainText("That email and password don't match an account.");
  await expect(attacker).toHaveURL(/\/login$/);
  await attackerContext.close();
  await victimContext.close();
});
