"use server";

// "Send a new link", on every page that may need one (sign-in, check your
// inbox, a confirmation link that did not work): the same answer for every
// address, unless the client's network has asked too often.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { resendVerification } from "@/lib/account/verify-email";
import { formAction, refusal } from "@/lib/actions";
import { audit } from "@/lib/auth/audit";
import { requestMeta } from "@/lib/auth/request-meta";
import { db } from "@/lib/db";
import { resendVerificationSchema } from "@/lib/validation/sign-in";
import { rememberEmail } from "../registered-email";

export const resendVerificationAction = formAction(
  resendVerificationSchema,
  async ({ email }) => {
    const outcome = await resendVerification(db, { email, ip: requestMeta(await headers()).ip });
    await audit({ type: "verification_resend", outcome: outcome.ok ? "success" : "throttled", email });
    if (!outcome.ok) return refusal(outcome);
    await rememberEmail(email);
    redirect("/register/check-email?resent=1");
  },
  { keep: ["email"] },
);
