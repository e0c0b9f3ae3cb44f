import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Account deleted" };

export default function AccountDeletedPage() {
  return (
    <div className="narrow">
      <h1>Your account was deleted</h1>
      <p role="status">Your profile, picture and sessions are gone, and this browser is signed out. We&apos;ve sent a last email to confirm it.</p>
      <p>
        <Link href="/register">Create a new account</Link>
      </p>
    </div>
  );
}
