"use server";

// Creating an account. The answer is the same whether or not the address
// already has one; only its inbox learns the difference.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { appDeps } from "@/lib/account/deps";
import { registerAccount } from "@/lib/account/register";
import { formAction, refusal } from "@/lib/actions";
import { audit } from "@/lib/auth/audit";
import { serverPasswordRules } from "@/lib/auth/password-rules";
import { requestMeta } from "@/lib/auth/request-meta";
import { registerSchema } from "@/lib/validation/register";
import { rememberEmail } from "../registered-email";

export const registerAction = formAction(
  () => registerSchema(serverPasswordRules()),
  async (input) => {
    const outcome = await registerAccount(appDeps(), { ...input, ip: requestMeta(await headers()).ip });
    if (!outcome.ok) {
      await audit({ type: "registration", outcome: "throttled", email: input.email });
      return refusal(outcome);
    }
    await audit({ type: "registration", outcome: "success", userId: outcome.userId, email: input.email });
    await rememberEmail(input.email);
    redirect("/register/check-email");
  },
  { keep: ["name", "email"] },
);
