import type { Metadata } from "next";
import { Notice } from "@/components/notice";
import { listSessions } from "@/lib/account/sessions";
import { currentSessionId } from "@/lib/auth/current-session";
import { requireUser } from "@/lib/auth/current-user";
import { describeUserAgent } from "@/lib/auth/device";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { SessionsForm, type SessionRow } from "./sessions-form";

export const metadata: Metadata = { title: "Where you're signed in" };

type Props = { searchParams: Promise<{ ended?: string }> };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function SessionsPage({ searchParams }: Props) {
  const user = await requireUser("/settings/sessions");
  const [{ ended }, sessionId] = await Promise.all([searchParams, currentSessionId()]);
  const sessions = await listSessions({ db }, env().session, user.id, sessionId ?? "");
  const rows: SessionRow[] = sessions.map((session) => ({
    id: session.id,
    device: describeUserAgent(session.userAgent),
    ip: session.ip ?? "Unknown",
    createdAt: session.createdAt.toISOString(),
    created: `${when.format(session.createdAt)} UTC`,
    lastSeenAt: session.lastSeenAt.toISOString(),
    lastSeen: `${when.format(session.lastSeenAt)} UTC`,
    current: session.current,
  }));
  const endedCount = Number(ended);
  return (
    <div>
      <h1>Where you&apos;re signed in</h1>
      {Number.isInteger(endedCount) && ended !== undefined && (
        <Notice>
          {endedCount === 0
            ? "No session was ended: it had already ended."
            : `${endedCount} session${endedCount === 1 ? " was" : "s were"} ended. ${endedCount === 1 ? "That device" : "Those devices"} will have to sign in again.`}
        </Notice>
      )}
      <p>
        These browsers are signed in to your account. If you don&apos;t recognise one, end it and change your password. At most {env().session.maxPerUser} can be signed in at once:
        signing in on another ends the one used least recently.
      </p>
      <SessionsForm sessions={rows} />
    </div>
  );
}
