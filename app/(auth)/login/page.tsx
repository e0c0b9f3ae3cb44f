import type { Metadata } from "next";
import Link from "next/link";
import { redirectIfSignedIn } from "@/lib/auth/current-user";
import { safeCallbackPath } from "@/lib/auth/redirects";
import { SERVER_BUSY_MESSAGE } from "@/lib/server-busy";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

type Props = {
  searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[]; code?: string | string[]; reset?: string }>;
};

/** Messages for sign-ins that came through Auth.js's own route and were sent back here. */
function routeError(error: unknown, code: unknown): { message: string; unverified: boolean } | undefined {
  if (error === undefined) return undefined;
  if (error === "CredentialsSignin" && code === "unverified") {
    return { message: "Confirm your email address first: we've sent a new link to your inbox.", unverified: true };
  }
  if (error === "CredentialsSignin" && code === "busy") return { message: SERVER_BUSY_MESSAGE, unverified: false };
  if (error === "CredentialsSignin") return { message: "That email and password don't match an account.", unverified: false };
  return { message: "Signing in didn't work. Please try again.", unverified: false };
}

export default async function LoginPage({ searchParams }: Props) {
  await redirectIfSignedIn();
  const { callbackUrl, error, code, reset } = await searchParams;
  return (
    <div className="narrow">
      <h1>Sign in</h1>
      {reset && (
        <div className="alert" role="status">
          <p>Your password was changed and every device was signed out. Sign in with your new password.</p>
        </div>
      )}
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
