import "server-only";
// bcrypt with OWASP's pre-hash (Password Storage Cheat Sheet, "Pre-Hashing
// Passwords with Bcrypt"): bcrypt silently ignores everything past 72 bytes,
// so it gets base64(HMAC-SHA-384(pepper, NFKC(password))) instead, a fixed
// 64 ASCII bytes. Nothing is truncated, two different passwords never share
// an input, and base64 keeps NUL bytes out (bcrypt stops at them).
// bcrypt itself runs only in the worker-thread pool (./hash-pool.ts).
import { createHmac, randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import { env } from "@/lib/env";
import { sharedHashPool, type HashPool } from "./hash-pool";
import { exceedsMaxLength, normalizePassword, PASSWORD_MAX_LENGTH } from "./password-policy";

export type PasswordHasher = {
  /**
   * bcrypt(base64(HMAC-SHA-384(pepper, NFKC(password))), cost). `client`, where known, is the client
   * address the work is done for: one address gets only its share of the hashing queue (./hash-pool.ts).
   */
  hash(password: string, client?: string | null): Promise<string>;
  /** With no stored hash, still spends one bcrypt comparison, so unknown accounts take as long. */
  verify(password: string, hash: string | null | undefined, client?: string | null): Promise<boolean>;
  /** True when the stored hash is not bcrypt at the configured cost; rehash after a successful login. */
  needsRehash(hash: string): boolean;
};

const BCRYPT_HASH = /^\$2[aby]\$(\d\d)\$[./A-Za-z0-9]{53}$/;

/** The string bcrypt receives; exported for tests. Throws on over-long input (the schema refuses it first). */
export function preHashPassword(password: string, pepper: string): string {
  if (exceedsMaxLength(password)) throw new RangeError(`Password longer than ${PASSWORD_MAX_LENGTH} code points`);
  const preHash = createHmac("sha384", pepper).update(normalizePassword(password), "utf8").digest("base64");
  // 48 bytes of HMAC -> 64 base64 characters, all ASCII: always under bcrypt's 72 bytes.
  if (bcrypt.truncates(preHash)) throw new Error("The pre-hash would be truncated by bcrypt");
  return preHash;
}

/** Hashes that may wait for a thread, unless the caller's pool says otherwise. */
const DEFAULT_QUEUE_MAX = 64;

export function createPasswordHasher(options: { pepper: string; cost: number; pool?: HashPool }): PasswordHasher {
  const { pepper, cost, pool = sharedHashPool(DEFAULT_QUEUE_MAX) } = options;
  if (pepper.length === 0) throw new Error("The password pepper must not be empty");
  // bcryptjs silently clamps costs outside 4..31; refuse them instead.
  if (!Number.isInteger(cost) || cost < 4 || cost > 31) throw new RangeError(`Invalid bcrypt cost: ${cost}`);

  let dummyHash: Promise<string> | undefined;
  // Made once, lazily, at the same cost; it matches no password anyone knows.
  const dummy = () => (dummyHash ??= pool.hash(randomBytes(48).toString("base64"), cost));

  return {
    async hash(password, client) {
      return pool.hash(preHashPassword(password, pepper), cost, client);
    },
    async verify(password, hash, client) {
      const candidate = preHashPassword(password, pepper);
      // No hash (unknown account, no password set) or not a bcrypt hash: same work, no match.
      if (!hash || !BCRYPT_HASH.test(hash)) {
        await pool.compare(candidate, await dummy(), client);
        return false;
      }
      return pool.compare(candidate, hash, client);
    },
    needsRehash(hash) {
      const match = BCRYPT_HASH.exec(hash);
      return !match || Number(match[1]) !== cost;
    },
  };
}

let fromEnv: PasswordHasher | undefined;

// Built on first use, never at import: importing must not read or validate the environment.
function configured(): PasswordHasher {
  if (!fromEnv) {
    const { passwordPepper, bcryptCost, hashQueueMax } = env();
    fromEnv = createPasswordHasher({ pepper: passwordPepper, cost: bcryptCost, pool: sharedHashPool(hashQueueMax) });
  }
  return fromEnv;
}

/** The app's hasher, configured from PASSWORD_PEPPER and BCRYPT_COST. */
export const passwordHasher: PasswordHasher = {
  hash: (password, client) => configured().hash(password, client),
  verify: (password, hash, client) => configured().verify(password, hash, client),
  needsRehash: (hash) => configured().needsRehash(hash),
};
