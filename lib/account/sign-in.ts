// Checks an email and password. Unknown addresses and wrong passwords get
// the same answer after the same work; only the right password learns that
// the address still needs verifying.
import {
  clearSignInFailures,
  recordSignInFailure,
  signInVerdict,
  type SignInPolicy,
} from "@/lib/auth/sign-in-throttle";
import type { AccountDeps } from "./deps";
import { resendVerification } from "./verify-email";

export type SignInOutcome =
  | { ok: true; user: { id: string; name: string | null; email: string } }
  // userId: whose password was wrong, when the address has an account (for the owner's activity page, never the answer)
  | { ok: false; reason: "invalid"; userId: string | null }
  | { ok: false; reason: "unverified" | "locked" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export async function checkCredentials(
  { db, hasher }: AccountDeps,
  input: { email: string; password: string; ip?: string | null },
  policy: SignInPolicy,
): Promise<SignInOutcome> {
  const attempt = { email: input.email, ip: input.ip ?? null };
  const verdict = await signInVerdict(db, policy, attempt);
  if (!verdict.allowed) {
    return verdict.reason === "locked"
      ? { ok: false, reason: "locked" }
      : { ok: false, reason: "throttled", retryAfterSeconds: verdict.retryAfterSeconds };
  }
  const user = await db.user.findUnique({ where: { email: input.email }, omit: { passwordHash: false } });
  const valid = await hasher.verify(input.password, user?.passwordHash);
  if (!user?.passwordHash || !valid) {
    await recordSignInFailure(db, policy, attempt);
    return { ok: false, reason: "invalid", userId: user?.id ?? null };
  }
  await clearSignInFailures(db, user.email);
  if (!user.emailVerified) {
    await resendVerification(db, user.email);
    return { ok: false, reason: "unverified" };
  }
  if (hasher.needsRehash(user.passwordHash)) {
    await db.user.update({ where: { id: user.id }, data: { passwordHash: await hasher.hash(input.password) } });
  }
  return { ok: true, user: { id: user.id, name: user.name, email: user.email } };
}
