// The password-reset steps a person takes: ask for a link, open it, choose a password.
import { expect, type Page } from "@playwright/test";
import type { SmtpSink } from "../../test/smtp-sink";
import { linkFromMail } from "./mail";

export const NEW_PASSWORD = "seven quiet lanterns drift north";
export const RESET_SUBJECT = /Reset your/;

export async function requestReset(page: Page, email: string) {
  await page.goto("/forgot-password");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send me a reset link" }).click();
  await expect(page.getByText("If that address has an account, we've sent a link")).toBeVisible();
}

/** The newest reset link to `email`, once `count` reset mails have arrived. */
export const resetLink = (sink: SmtpSink, email: string, count = 1) => linkFromMail(sink, email, RESET_SUBJECT, "/reset-password?token=", count);

export async function chooseNewPassword(page: Page, password = NEW_PASSWORD) {
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Confirm new password").fill(password);
  await page.getByRole("button", { name: "Set new password" }).click();
}
