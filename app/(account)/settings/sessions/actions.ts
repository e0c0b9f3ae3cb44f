"use server";

import { redirect } from "next/navigation";
import { appDeps } from "@/lib/account/deps";
import { endSessions } from "@/lib/account/sessions";
import { formAction, refusal } from "@/lib/actions";
import { audit, outcomeOf } from "@/lib/auth/audit";
import { requireSession } from "@/lib/auth/current-user";
import { env } from "@/lib/env";
import { endSessionsSchema } from "@/lib/validation/account-settings";
import { ALL_OTHER_SESSIONS } from "@/lib/validation/form-constants";

const SESSIONS_PAGE = "/settings/sessions";

export const endSessionsAction = formAction(endSessionsSchema, async ({ currentPassword, session }) => {
  const { user, sessionId } = await requireSession(SESSIONS_PAGE);
  const target = session === ALL_OTHER_SESSIONS ? { all: true as const } : { id: session };
  const outcome = await endSessions(appDeps(), env().session, { userId: user.id, currentSid: sessionId, currentPassword, target });
  await audit({ type: "sessions_revoked", outcome: outcomeOf(outcome), userId: user.id, detail: outcome.ok ? { ended: outcome.ended } : undefined });
  if (!outcome.ok) return refusal(outcome);
  redirect(`${SESSIONS_PAGE}?ended=${outcome.ended}`);
});
