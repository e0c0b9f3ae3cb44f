// Verified accounts written straight into the database, all with one
// password hash made once by the app's own hasher (in a worker thread, as
// the server does). Sign-ins rotate over them, because each account keeps at
// most SESSIONS_PER_USER sessions and ends the oldest beyond that.
import { createHashPool } from "../../lib/auth/hash-pool";
import { createPasswordHasher } from "../../lib/auth/password-hash";
import { createDbClient } from "../../lib/db";

export const BENCH_PASSWORD = "purple giraffes sing at dawn";

export type SeededUsers = {
  count: number;
  /** the next account in the rotation, for a sign-in */
  nextEmail: () => string;
  /** an account outside the rotation, so its one session is never ended by others' sign-ins */
  stayingEmail: string;
};

const rotatingEmail = (index: number) => `bench-${index}@bench.test`;
const STAYING_EMAIL = "bench-staying@bench.test";

export async function seedUsers(databaseUrl: string, options: { count: number; pepper: string; cost: number }): Promise<SeededUsers> {
  const pool = createHashPool({ threads: 1, maxQueue: 1 });
  let passwordHash: string;
  try {
    passwordHash = await createPasswordHasher({ pepper: options.pepper, cost: options.cost, pool }).hash(BENCH_PASSWORD);
  } finally {
    await pool.destroy();
  }
  const db = createDbClient(databaseUrl);
  try {
    const emails = [...Array.from({ length: options.count }, (_, index) => rotatingEmail(index)), STAYING_EMAIL];
    const emailVerified = new Date();
    await db.user.createMany({ data: emails.map((email) => ({ email, name: "Bench User", passwordHash, emailVerified })) });
  } finally {
    await db.$disconnect();
  }
  let turn = 0;
  return { count: options.count, nextEmail: () => rotatingEmail(turn++ % options.count), stayingEmail: STAYING_EMAIL };
}

/**
 * Enough accounts that no account gets more sign-ins than it keeps sessions,
 * with room to spare (a hundred rows cost nothing to insert).
 */
export function accountsFor(expectedSignIns: number, sessionsPerUser: number): number {
  return Math.max(100, Math.ceil((2 * expectedSignIns) / sessionsPerUser));
}
