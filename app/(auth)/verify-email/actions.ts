"use server";

// The confirm page's form: the link's token (in its cookie) and the account's
// password confirm the address, and the person is then signed in the way the
// login form signs in (the same session row, cookie and audit).
import { headers } from "next/headers";
import { redirect, unstable_rethrow } from "next/navigation";
import { appDeps } from "@/lib/account/deps";
import { confirmEmail, type VerifyOutcome } from "@/lib/account/verify-email";
import { formAction, type ActionFailure } from "@/lib/actions";
import { audit } from "@/lib/auth/audit";
import { signIn } from "@/lib/auth/auth";
import { forgetLinkToken, linkTokenFromCookie } from "@/lib/auth/link-token-cookie";
import { requestMeta } from "@/lib/auth/request-meta";
import { signInFailure } from "@/lib/auth/sign-in-messages";
import { env } from "@/lib/env";
import { describeError, log } from "@/lib/log";
import { confirmEmailSchema } from "@/lib/validation/verify-email";

const WRONG_PASSWORD = "That is not this account's password. Type the password chosen when the account was created.";

/** Where a confirmed person lands, signed in. */
const SIGNED_IN_PAGE = "/profile?updated=verified";

function outcomeOf(outcome: VerifyOutcome) {
  if (outcome.ok) return "success";
  return outcome.reason === "throttled" || outcome.reason === "locked" ? outcome.reason : "failure";
}

/** A refusal that keeps the link: the person may try again on the same page. */
function passwordRefusal(outcome: VerifyOutcome & { ok: false }): ActionFailure | null {
  if (outcome.reason === "wrong-password") return { ok: false, error: WRONG_PASSWORD, fieldErrors: { password: [WRONG_PASSWORD] } };
  if (outcome.reason === "locked") return signInFailure("locked");
  if (outcome.reason === "throttled") return signInFailure(`throttled-${outcome.retryAfterSeconds}`);
  return null;
}

export const confirmEmailAddressAction = formAction(confirmEmailSchema, async ({ password }) => {
  const token = await linkTokenFromCookie("/verify-email");
  // no link of ours came with it: nothing was tried, so there is nothing to record
  if (!token) redirect("/verify-email?status=invalid");
  const outcome = await confirmEmail(appDeps(), { token, password, ip: requestMeta(await headers()).ip }, env().signIn);
  await audit({ type: "email_verified", outcome: outcomeOf(outcome), userId: outcome.userId, detail: { result: outcome.ok ? "verified" : outcome.reason } });
  if (!outcome.ok) {
    const refusal = passwordRefusal(outcome);
    if (refusal) return refusal;
    // an expired, used or void link: the page says which and offers a new one (or sign-in, when it already confirmed the address)
    await forgetLinkToken("/verify-email");
    redirect(`/verify-email?status=${outcome.reason}`);
  }
  await forgetLinkToken("/verify-email");
  try {
    await signIn("credentials", { email: outcome.email, password, remember: "false", redirectTo: SIGNED_IN_PAGE });
  } catch (error) {
    unstable_rethrow(error); // the redirect of a successful sign-in
    // The address is confirmed whatever happened here (busy, a limit, a fault):
    // the page says so and offers the sign-in form.
    const { type } = error as { type?: unknown };
    if (type !== "CredentialsSignin") log("error", "sign_in_after_verify_failed", { error: describeError(error) });
  }
  redirect("/verify-email?status=verified");
});
