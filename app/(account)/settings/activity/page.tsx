import type { Metadata } from "next";
import { TableCard } from "@/components/ui/table-card";
import { requireUser } from "@/lib/auth/current-user";
import { describeUserAgent } from "@/lib/auth/device";
import { db } from "@/lib/db";
import { recentSecurityEvents, type SecurityEventType, type SecurityOutcome } from "@/lib/security-events";

export const metadata: Metadata = { title: "Recent activity" };

const WHAT: Record<SecurityEventType, string> = {
  sign_in: "Sign-in",
  sign_out: "Sign-out",
  registration: "Account created",
  verification_resend: "New confirmation link requested",
  email_verified: "Email address confirmed",
  password_reset_requested: "Password reset requested",
  password_reset: "Password reset",
  password_changed: "Password change",
  email_change_requested: "Email change requested",
  email_change_cancelled: "Email change cancelled",
  email_changed: "Sign-in email changed",
  sessions_revoked: "Sessions ended",
  account_deleted: "Account deletion",
  csrf_rejected: "Request from another site refused",
};

const HOW: Record<SecurityOutcome, string> = {
  success: "Succeeded",
  failure: "Failed",
  throttled: "Blocked: too many attempts",
  locked: "Blocked: locked",
  refused: "Refused",
};

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function ActivityPage() {
  const user = await requireUser("/settings/activity");
  const events = await recentSecurityEvents(db, user.id);
  return (
    <div>
      <h1>Recent activity</h1>
      <p>
        Sign-ins, password and email changes and other security events on your account, newest first (up to 50). If something here wasn&apos;t you, change your password and end
        your other sessions.
      </p>
      {events.length === 0 ? (
        <p>Nothing yet.</p>
      ) : (
        <TableCard label="Security events">
          <table className="sessions">
            <caption className="visually-hidden">Security events, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When (UTC)</th>
                <th scope="col">What</th>
                <th scope="col">Result</th>
                <th scope="col">Device</th>
                <th scope="col">IP address</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr key={event.id}>
                  <td>
                    <time dateTime={event.createdAt.toISOString()}>{when.format(event.createdAt)}</time>
                  </td>
                  <th scope="row">{WHAT[event.type as SecurityEventType] ?? event.type}</th>
                  <td>{HOW[event.outcome as SecurityOutcome] ?? event.outcome}</td>
                  <td>{describeUserAgent(event.userAgent)}</td>
                  <td>{event.ip ?? "Unknown"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableCard>
      )}
    </div>
  );
}
