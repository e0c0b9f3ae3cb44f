// Checks an email and password. Unknown addresses and wrong passwords get
// the same answer after the same work; only the right password learns that
// the address still needs verifying.
import { refundSignInAttempt, reserveSignInAttempt, settleSignInSuccess, type SignInPolicy } from "@/lib/auth/sign-in-throttle";
import type { AccountDeps } from "./deps";
import { queueVerificationLink } from "./verify-email";

export type SignInOutcome =
  | { ok: true; user: { id: string; name: string | null; email: string } }
  // userId: whose password was wrong, when the address has an account (for the owner's activity page, never the answer)
  | { ok: false; reason: "invalid"; userId: string | null }
  | { ok: false; reason: "unverified" | "locked" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export async function checkCredentials({ db, hasher }: AccountDeps, input: { email: string; password: string; ip?: string | null }, policy: SignInPolicy): Promise<SignInOutcome> {
  const client = input.ip ?? null;
  // The slot is taken (and counted as a failure) before any hashing: concurrent guesses cannot all pass.
  const reservation = await reserveSignInAttempt(db, policy, { email: input.email, ip: client });
  if (!reservation.allowed) {
    return reservation.reason === "locked" ? { ok: false, reason: "locked" } : { ok: false, reason: "throttled", retryAfterSeconds: reservation.retryAfterSeconds };
  }
  const { slot } = reservation;
  let user, valid;
  try {
    user = await db.user.findUnique({ where: { email: input.email }, omit: { passwordHash: false } });
    valid = await hasher.verify(input.password, user?.passwordHash, client);
  } catch (error) {
    // no password was checked (the hashing queue was full, or the database failed): the try is not a failure
    await refundSignInAttempt(db, policy, slot).catch(() => {});
    throw error;
  }
  // a wrong password: the slot stays, as the failure it was counted as
  if (!user?.passwordHash || !valid) return { ok: false, reason: "invalid", userId: user?.id ?? null };
  await settleSignInSuccess(db, policy, slot);
  if (!user.emailVerified) {
    await queueVerificationLink(db, user.email);
    return { ok: false, reason: "unverified" };
  }
  if (hasher.needsRehash(user.passwordHash)) {
    await db.user.update({ where: { id: user.id }, data: { passwordHash: await hasher.hash(input.password, client) } });
  }
  return { ok: true, user: { id: user.id, name: user.name, email: user.email } };
}
