import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Your profile" };

const memberSince = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });

export default async function ProfilePage() {
  // Layouts and pages render in parallel: the page checks for itself.
  const user = await requireUser("/profile");
  return (
    <div className="narrow">
      <h1>Your profile</h1>
      <dl className="card details">
        <dt>Name</dt>
        <dd>{user.name}</dd>
        <dt>Email</dt>
        <dd>{user.email}</dd>
        <dt>Member since</dt>
        <dd>
          <time dateTime={user.createdAt.toISOString()}>{memberSince.format(user.createdAt)}</time>
        </dd>
      </dl>
      <p>
        <Link href="/settings/password">Change your password</Link>
      </p>
    </div>
  );
}
