// Confirmed accounts written straight into a database before its app starts,
// for specs whose subject begins once an account exists: registering and
// confirming in the browser costs each of them about five page loads and two
// password hashes. Specs about registration and confirmation do it on the page.
import { createHmac } from "node:crypto";
import bcrypt from "bcryptjs";
import { normalizePassword } from "../../lib/auth/password-policy";
import { createDbClient } from "../../lib/db";
import type { TestAccount } from "./accounts";

/** Writes each account as a confirmed user, hashed as lib/auth/password-hash.ts does at appEnv's BCRYPT_COST of 10. */
export async function seedVerifiedAccounts(databaseUrl: string, accounts: readonly TestAccount[], pepper: string): Promise<void> {
  // that module's pre-hash (it is server-only); one hash per distinct password, as bcrypt's salt may be shared between test users
  const hashes = new Map<string, string>();
  for (const { password } of accounts) {
    if (hashes.has(password)) continue;
    const preHash = createHmac("sha384", pepper).update(normalizePassword(password), "utf8").digest("base64");
    hashes.set(password, await bcrypt.hash(preHash, 10));
  }
  const db = createDbClient(databaseUrl);
  try {
    const emailVerified = new Date();
    await db.user.createMany({
      data: accounts.map(({ email, name, password }) => ({ email, name, passwordHash: hashes.get(password) ?? "", emailVerified })),
    });
  } finally {
    await db.$disconnect();
  }
}

/** Accounts seeded into a worker's database, handed out one per call; each test gets its own. */
export type AccountPool = {
  /** a confirmed account nobody has used yet, or undefined once all are taken */
  take: () => TestAccount | undefined;
};

export function accountPool(accounts: readonly TestAccount[]): AccountPool {
  let next = 0;
  return { take: () => accounts[next++] };
}
