import { headers } from "next/headers";
import Link from "next/link";
import { ButtonForm } from "@/components/form/button-form";
import { ButtonLink } from "@/components/ui/button";
import type { FormAction } from "@/lib/actions";
import { APP_NAME } from "@/lib/app-name";
import { currentUserIfKnown } from "@/lib/auth/current-user";
import { NO_DATABASE_HEADER } from "@/lib/auth/unavailable";

/** `signOutAction`: the sign-out button's action, which the app passes in (components never import from app/). */
type Props = { signOutAction: FormAction };

export async function SiteHeader({ signOutAction }: Props) {
  // undefined while the database cannot say who is signed in: neither menu, rather than a wrong one;
  // the unavailable page does not ask (proxy.ts marks it), so it answers at once while the database is away
  const user = (await headers()).has(NO_DATABASE_HEADER) ? undefined : await currentUserIfKnown();
  return (
    <header className="site-header">
      <div className="container site-header__inner">
        <Link href="/" className="site-header__brand">
          {APP_NAME}
        </Link>
        <nav aria-label="Account" className="site-header__nav">
          {user === undefined ? null : user ? (
            <>
              <Link href="/profile">{user.name || user.email}</Link>
              <ButtonForm action={signOutAction} label="Sign out" pendingText="Signing out…" variant="secondary" />
            </>
          ) : (
            <>
              <Link href="/login">Sign in</Link>
              <ButtonLink href="/register">Create account</ButtonLink>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}
