// A verified account signed in on two browsers, as the settings tests need
// it: `sid` is the browser asking, `otherSid` another one of the same person.
import type { AccountDeps } from "@/lib/account/deps";
import { createSession, type SessionPolicy } from "@/lib/auth/sessions";

export const TEST_SESSION_POLICY: SessionPolicy = { idleMinutes: 60, maxAgeDays: 30 };
export const CURRENT_PASSWORD = "tangerine bicycle orchestra";

let serial = 0;

/** An address used by no other test in this run, so rate limits and mailboxes never overlap. */
export function uniqueEmail(label: string): string {
  return `${label}-${++serial}@example.test`;
}

export async function signedInUser({ db, hasher }: AccountDeps, label: string, options: { name?: string; password?: string } = {}) {
  const user = await db.user.create({
    data: {
      email: uniqueEmail(label),
      name: options.name ?? "Robin",
      passwordHash: await hasher.hash(options.password ?? CURRENT_PASSWORD),
      emailVerified: new Date(),
    },
    omit: { passwordHash: false },
  });
  const signIn = () => createSession(db, TEST_SESSION_POLICY, { userId: user.id, persistent: false });
  const sid = await signIn();
  const otherSid = await signIn();
  return { user, sid, otherSid, signIn };
}

export type SignedInUser = Awaited<ReturnType<typeof signedInUser>>;
