// What the account use-cases need, passed in so tests can give them a test
// database and a fast hasher; the app uses appDeps().
import { passwordHasher, type PasswordHasher } from "@/lib/auth/password-hash";
import { db, type DbClient } from "@/lib/db";

export type AccountDeps = { db: DbClient; hasher: PasswordHasher };

export function appDeps(): AccountDeps {
  return { db, hasher: passwordHasher };
}
