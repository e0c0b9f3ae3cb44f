import Link from "next/link";
import { Notice } from "@/components/notice";
import { ButtonLink } from "@/components/ui/button";
import { currentUserIfKnown } from "@/lib/auth/current-user";
import { SIGNED_OUT_UNCONFIRMED_MESSAGE } from "@/lib/auth/unavailable";

type Props = { searchParams: Promise<{ "signed-out"?: string | string[] }> };

export default async function HomePage({ searchParams }: Props) {
  // undefined while the database cannot say who is signed in: neither way on, rather than a wrong one (and no error page)
  const [user, { "signed-out": signedOut }] = await Promise.all([currentUserIfKnown(), searchParams]);
  return (
    <section className="hero">
      {signedOut === "unconfirmed" && user === null && <Notice>{SIGNED_OUT_UNCONFIRMED_MESSAGE}</Notice>}
      <h1>Your account, done right</h1>
      <p className="lead">
        Create an account with your email address, confirm it from your inbox, and sign in securely. Reset a forgotten password by email and keep your profile up to date.
      </p>
      <p className="hero__actions">
        {user === undefined ? null : user ? (
          <ButtonLink href="/profile">Go to your profile</ButtonLink>
        ) : (
          <>
            <ButtonLink href="/register">Create an account</ButtonLink>
            <span>
              Already have one? <Link href="/login">Sign in</Link>
            </span>
          </>
        )}
      </p>
      <h2>What you get</h2>
      <ul className="feature-list">
        <li>Passwords are stored only as strong, salted hashes, and common passwords are refused.</li>
        <li>Every emailed link works once and expires.</li>
        <li>You can see and end your sessions on other devices, and review recent sign-ins.</li>
        <li>Everything works with a keyboard, a screen reader, or with JavaScript turned off.</li>
      </ul>
    </section>
  );
}
