"use client";

import { CurrentPasswordField } from "@/components/form/current-password-field";
import { FormAlert } from "@/components/form/form-alert";
import { useActionForm } from "@/components/form/use-action-form";
import { Button } from "@/components/ui/button";
import { TableCard } from "@/components/ui/table-card";
import { ALL_OTHER_SESSIONS } from "@/lib/validation/form-constants";
import { endSessionsAction } from "./actions";

export type SessionRow = {
  id: string;
  device: string;
  ip: string;
  createdAt: string;
  created: string;
  lastSeenAt: string;
  lastSeen: string;
  current: boolean;
};

/**
 * One form for the whole list: the password is typed once, and the button
 * pressed says which session to end (its name and value are submitted).
 */
export function SessionsForm({ sessions }: { sessions: SessionRow[] }) {
  const { form, alert, formProps, pending, errorFor } = useActionForm(endSessionsAction, () =>
    import("@/lib/validation/account-settings").then((schemas) => schemas.currentPasswordOnlySchema),
  );
  const others = sessions.filter((session) => !session.current).length;
  return (
    <form {...formProps}>
      <FormAlert {...alert} />
      {others > 0 ? (
        <div className="sessions-confirm">
          <CurrentPasswordField
            hint="Type your password, then end every other session, or choose one in the list."
            error={errorFor("currentPassword")}
            {...form.register("currentPassword")}
          />
          <Button type="submit" name="session" value={ALL_OTHER_SESSIONS} disabled={pending} aria-live="polite">
            {pending ? "Ending…" : `End all other sessions (${others})`}
          </Button>
        </div>
      ) : (
        <p>You aren&apos;t signed in anywhere else.</p>
      )}
      <TableCard label="Signed-in sessions">
        <table className="sessions">
          <caption className="visually-hidden">Signed-in sessions</caption>
          <thead>
            <tr>
              <th scope="col">Device</th>
              <th scope="col">IP address</th>
              <th scope="col">Signed in</th>
              <th scope="col">Last active</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session) => (
              <tr key={session.id} data-session={session.current ? "current" : "other"}>
                <th scope="row">
                  {session.device}
                  {session.current && <span className="badge">This device</span>}
                </th>
                <td>{session.ip}</td>
                <td>
                  <time dateTime={session.createdAt}>{session.created}</time>
                </td>
                <td>
                  <time dateTime={session.lastSeenAt}>{session.lastSeen}</time>
                </td>
                <td>
                  {session.current ? (
                    <span className="hint">Use “Sign out” to end</span>
                  ) : (
                    <Button type="submit" name="session" value={session.id} variant="secondary" disabled={pending}>
                      End
                      <span className="visually-hidden">
                        {" "}
                        the session on {session.device}, signed in {session.created}
                      </span>
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableCard>
    </form>
  );
}
