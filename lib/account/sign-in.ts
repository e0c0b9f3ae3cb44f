// Checks an email and password. Unknown addresses and wrong passwords get
// the same answer after the same work; only the right password learns that
// the address still needs verifying.
import type { AccountDeps } from "./deps";
import { resendVerification } from "./verify-email";

export type SignInOutcome =
  | { ok: true; user: { id: string; name: string | null; email: string } }
  | { ok: false; reason: "invalid" | "unverified" };

export async function checkCredentials(
  { db, hasher }: AccountDeps,
  input: { email: string; password: string },
): Promise<SignInOutcome> {
  const user = await db.user.findUnique({ where: { email: input.email }, omit: { passwordHash: false } });
  const valid = await hasher.verify(input.password, user?.passwordHash);
  if (!user?.passwordHash || !valid) return { ok: false, reason: "invalid" };
  if (!user.emailVerified) {
    await resendVerification(db, user.email);
    return { ok: false, reason: "unverified" };
  }
  if (hasher.needsRehash(user.passwordHash)) {
    await db.user.update({ where: { id: user.id }, data: { passwordHash: await hasher.hash(input.password) } });
  }
  return { ok: true, user: { id: user.id, name: user.name, email: user.email } };
}
