// Concurrent sign-ins, on both databases (issue 15, finding 2): a burst must
// get no more password checks than the same guesses sent one after another,
// because each attempt takes its slot in the database before any hashing.
import { describe, expect, it } from "vitest";
import type { PasswordHasher } from "@/lib/auth/password-hash";
import { limitKey } from "@/lib/auth/rate-limit";
import type { SignInPolicy } from "@/lib/auth/sign-in-throttle";
import { useAccountTestBed } from "@/test/account-test-bed";
import { DB_KINDS } from "@/test/databases";
import { CURRENT_PASSWORD, signedInUser, uniqueEmail } from "@/test/signed-in-user";
import type { AccountDeps } from "./deps";
import { checkCredentials } from "./sign-in";

const POLICY: SignInPolicy = { emailFailures: 5, backoffBaseMs: 5 * 60_000, backoffMaxMs: 60 * 60_000, lockoutFailures: 100, ipFailures: 10 };

/** The test hasher, counting its password checks and holding each until `release()`, so a burst overlaps for sure. */
function heldHasher(inner: PasswordHasher) {
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  const counted = { checks: 0 };
  const hasher: PasswordHasher = {
    hash: (password) => inner.hash(password),
    needsRehash: (hash) => inner.needsRehash(hash),
    async verify(password, hash) {
      counted.checks++;
      await released;
      return inner.verify(password, hash);
    },
  };
  return { hasher, counted, release };
}

/** Lets every started attempt reach its decision (each is a few database round trips). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 1_500));

describe.each(DB_KINDS)("a burst of sign-ins on %s", (kind) => {
  const bed = useAccountTestBed(kind);
  let ipSerial = 0;
  const freshIp = () => `192.0.2.${++ipSerial}`;
  const attempt = (deps: AccountDeps, email: string, password: string, ip: string | null) => checkCredentials(deps, { email, password, ip }, POLICY);

  it("checks at most the free failures' worth of 30 concurrent wrong guesses, and then refuses the right password", async () => {
    const { user } = await signedInUser(bed.deps, "burst");
    const { hasher, counted, release } = heldHasher(bed.deps.hasher);
    const deps = { db: bed.db, hasher };
    // every guess from its own address, so only the per-address limit can stop them
    const guesses = Array.from({ length: 30 }, (_, i) => attempt(deps, user.email, `wrong guess ${i}`, freshIp()));
    await settle();
    const right = attempt(deps, user.email, CURRENT_PASSWORD, freshIp());
    await settle();
    release();
    const outcomes = await Promise.all([...guesses, right]);

    console.info(`[measure ${kind}] burst of 30 wrong + the right one for one address: ${counted.checks} password checks, right one: ${JSON.stringify(outcomes[30])}`);
    expect(counted.checks).toBe(POLICY.emailFailures);
    expect(outcomes.filter((outcome) => !outcome.ok && outcome.reason === "invalid")).toHaveLength(POLICY.emailFailures);
    expect(outcomes[30]).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("checks at most the per-IP allowance of 66 concurrent guesses for unknown addresses from one IP", async () => {
    const { hasher, counted, release } = heldHasher(bed.deps.hasher);
    const deps = { db: bed.db, hasher };
    const ip = freshIp();
    const guesses = Array.from({ length: 66 }, () => attempt(deps, uniqueEmail("spray"), "not the password at all", ip));
    await settle();
    release();
    const outcomes = await Promise.all(guesses);

    console.info(`[measure ${kind}] burst of 66 unknown addresses from one IP: ${counted.checks} password checks`);
    expect(counted.checks).toBe(POLICY.ipFailures);
    expect(outcomes.filter((outcome) => !outcome.ok && outcome.reason === "throttled")).toHaveLength(66 - POLICY.ipFailures);
  });

  it("two bursts an hour apart leave the address far from the lockout", async () => {
    const { user } = await signedInUser(bed.deps, "bursts");
    for (let burst = 0; burst < 2; burst++) {
      await Promise.all(Array.from({ length: 60 }, (_, i) => attempt(bed.deps, user.email, `guess ${burst}-${i}`, freshIp())));
      // an hour passes: the last failure moves into the past
      await bed.db.$executeRaw`UPDATE rate_limits SET "windowStart" = "windowStart" - interval '1 hour' WHERE count > 0`;
    }
    const run = await bed.db.rateLimit.findUnique({ where: { key: limitKey({ name: "signin-email" }, user.email) } });
    expect(run?.count).toBeLessThanOrEqual(POLICY.emailFailures + 1);
    expect(await attempt(bed.deps, user.email, CURRENT_PASSWORD, freshIp())).toMatchObject({ ok: true });
  });
});
