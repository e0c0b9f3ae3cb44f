// What the account use-cases need, passed in so tests can give them a test
// database and a fast hasher; the app uses appDeps().
import { db, type DbClient } from "@/lib/db";
import { passwordHasher, type PasswordHasher } from "@/lib/auth/password-hash";

export type AccountDeps = { db: DbClient; hasher: PasswordHasher };

export function appDeps(): AccountDeps {
  return { db, hasher: passwordHasher };
}
