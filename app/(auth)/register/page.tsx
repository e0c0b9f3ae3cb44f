import type { Metadata } from "next";
import Link from "next/link";
import { redirectIfSignedIn } from "@/lib/auth/current-user";
import { env } from "@/lib/env";
import { RegisterForm } from "./register-form";

export const metadata: Metadata = { title: "Create an account" };

export default async function RegisterPage() {
  await redirectIfSignedIn();
  return (
    <div className="narrow">
      <h1>Create an account</h1>
      <p className="lead">We&apos;ll email you a link to confirm your address before you can sign in.</p>
      <RegisterForm minPasswordLength={env().passwordMinLength} />
      <p>
        Already have an account? <Link href="/login">Sign in</Link>
      </p>
    </div>
  );
}
