import type { Metadata } from "next";
import Link from "next/link";
import { Avatar } from "@/components/avatar";
import { Notice } from "@/components/notice";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { requireUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Your profile" };

const memberSince = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });

type Props = { searchParams: Promise<{ updated?: string }> };

export default async function ProfilePage({ searchParams }: Props) {
  // Layouts and pages render in parallel: the page checks for itself.
  const user = await requireUser("/profile");
  const { updated } = await searchParams;
  return (
    <div className="narrow">
      <h1>Your profile</h1>
      {updated === "details" && <Notice>Your profile was saved.</Notice>}
      {updated === "verified" && <Notice>Your email is confirmed and your account is active. You are signed in.</Notice>}
      <Card className="profile">
        <Avatar name={user.name} email={user.email} image={user.image} />
        <dl className="details">
          <dt>Name</dt>
          <dd>{user.name}</dd>
          <dt>Email</dt>
          <dd>
            {user.email} <span className="badge">{user.emailVerified ? "Verified" : "Not verified"}</span>
            {user.pendingEmail && (
              <span className="hint">
                Changing to {user.pendingEmail}: waiting for confirmation. <Link href="/settings/email">Email settings</Link>
              </span>
            )}
          </dd>
          <dt>Bio</dt>
          <dd className="bio">{user.bio || <span className="hint">No bio yet.</span>}</dd>
          <dt>Member since</dt>
          <dd>
            <time dateTime={user.createdAt.toISOString()}>{memberSince.format(user.createdAt)}</time>
          </dd>
        </dl>
      </Card>
      <p>
        <ButtonLink href="/profile/edit">Edit profile</ButtonLink>
      </p>
    </div>
  );
}
