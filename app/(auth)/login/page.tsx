import type { Metadata } from "next";
import Link from "next/link";
import { Notice } from "@/components/notice";
import type { ActionFailure } from "@/lib/actions";
import { redirectIfSignedIn } from "@/lib/auth/current-user";
import { safeCallbackPath } from "@/lib/auth/redirects";
import { signInFailure } from "@/lib/auth/sign-in-messages";
import { UNEXPECTED } from "@/lib/form-messages";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

type Props = {
  searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[]; code?: string | string[]; reset?: string }>;
};

/**
 * Messages for sign-ins that came through Auth.js's own route and were sent
 * back here. A refusal comes as CredentialsSignin with its code; any other
 * error is a fault on our side (Auth.js sends "Configuration" when the
 * database fails during the sign-in), and gets the same answer a form does.
 */
function routeError(error: unknown, code: unknown): ActionFailure | undefined {
  if (error === undefined) return undefined;
  if (error === "CredentialsSignin") return signInFailure(code);
  return { ok: false, error: UNEXPECTED };
}

export default async function LoginPage({ searchParams }: Props) {
  await redirectIfSignedIn();
  const { callbackUrl, error, code, reset } = await searchParams;
  return (
    <div className="narrow">
      <h1>Sign in</h1>
      {reset && <Notice>Your password was changed and every device was signed out. Sign in with your new password.</Notice>}
      <LoginForm callbackUrl={safeCallbackPath(callbackUrl)} initialError={routeError(error, code)} />
      <p>
        <Link href="/forgot-password">Forgot your password?</Link>
      </p>
      <p>
        New here? <Link href="/register">Create an account</Link>
      </p>
    </div>
  );
}
