// Sign-in throttling, on both databases, through checkCredentials as every
// sign-in path uses it: per address (known or not), per client IP, with
// doubling waits and a lockout that only a password reset lifts. Every try
// reserves its slot before the password is checked (sign-in-burst.test.ts
// sends whole bursts).
import { describe, expect, it } from "vitest";
import { checkCredentials } from "@/lib/account/sign-in";
import { signInSchema } from "@/lib/validation/sign-in";
import { useAccountTestBed } from "@/test/account-test-bed";
import { DB_KINDS } from "@/test/databases";
import { CURRENT_PASSWORD, signedInUser, uniqueEmail } from "@/test/signed-in-user";
import { limitKey } from "./rate-limit";
import { backoffMs, clearSignInFailures, earliestLockoutMs, reserveSignInAttempt, type SignInPolicy } from "./sign-in-throttle";

const POLICY: SignInPolicy = { emailFailures: 5, backoffBaseMs: 5 * 60_000, backoffMaxMs: 60 * 60_000, lockoutFailures: 100, ipFailures: 10 };
const WRONG = "certainly not the password";

describe("backoffMs", () => {
  it("is free for the first failures, then doubles up to the ceiling", () => {
    expect([0, 4].map((failures) => backoffMs(POLICY, failures))).toEqual([0, 0]);
    expect([5, 6, 7, 8].map((failures) => backoffMs(POLICY, failures) / 60_000)).toEqual([5, 10, 20, 40]);
    expect(backoffMs(POLICY, 9)).toBe(60 * 60_000);
    expect(backoffMs(POLICY, 90)).toBe(60 * 60_000);
  });
});

describe("earliestLockoutMs", () => {
  it("adds up the waits between the free failures and the lockout: about four days at the defaults", () => {
    expect(earliestLockoutMs(POLICY) / 60_000).toBe(5 + 10 + 20 + 40 + 91 * 60);
    expect(earliestLockoutMs({ ...POLICY, lockoutFailures: 5 })).toBe(0);
  });
});

describe.each(DB_KINDS)("sign-in throttling on %s", (kind) => {
  const bed = useAccountTestBed(kind);
  let ipSerial = 0;
  const freshIp = () => `198.51.100.${++ipSerial}`;

  /** As a form would send it: the schema normalises the address first. */
  const attempt = (email: string, password: string, ip: string | null = freshIp()) => {
    const fields = signInSchema.parse({ email, password, remember: "" });
    return checkCredentials(bed.deps, { email: fields.email, password: fields.password, ip }, POLICY);
  };
  const runOf = (email: string) => bed.db.rateLimit.findUnique({ where: { key: limitKey({ name: "signin-email" }, email) } });
  /** Moves the address's last failure into the past, as if time had passed. */
  const rewind = (email: string, ms: number) =>
    bed.db.rateLimit.update({ where: { key: limitKey({ name: "signin-email" }, email) }, data: { windowStart: new Date(Date.now() - ms) } });

  it("throttles the sixth try at an address, whatever its case, and then refuses even the right password", async () => {
    const { user } = await signedInUser(bed.deps, "john");
    const spellings = [user.email, user.email.toUpperCase(), user.email.replace(/^./, (c) => c.toUpperCase())];
    for (let i = 0; i < 5; i++) expect(await attempt(spellings[i % 3] ?? user.email, WRONG)).toMatchObject({ ok: false, reason: "invalid" });

    const sixth = await attempt(spellings[2] ?? user.email, WRONG);
    expect(sixth).toMatchObject({ ok: false, reason: "throttled" });
    expect(sixth.ok === false && sixth.reason === "throttled" && sixth.retryAfterSeconds).toBeGreaterThan(4 * 60);
    expect(await attempt(user.email, CURRENT_PASSWORD)).toMatchObject({ ok: false, reason: "throttled" });

    // once the wait has passed, the right password works and the run is forgotten
    await rewind(user.email, POLICY.backoffBaseMs + 1_000);
    expect(await attempt(user.email, CURRENT_PASSWORD)).toMatchObject({ ok: true });
    expect(await runOf(user.email)).toBeNull();
  });

  it("treats an address with no account exactly the same", async () => {
    const nobody = uniqueEmail("nobody");
    const outcomes = [];
    for (let i = 0; i < 6; i++) outcomes.push((await attempt(nobody, WRONG)).ok === false);
    const sixth = await attempt(nobody, WRONG);
    expect(outcomes.every(Boolean)).toBe(true);
    expect(sixth).toMatchObject({ ok: false, reason: "throttled" });
    expect((await runOf(nobody))?.count).toBe(5);
  });

  it("doubles the wait after each failure past the free ones", async () => {
    const email = uniqueEmail("doubling");
    for (let i = 0; i < 5; i++) await attempt(email, WRONG);
    await rewind(email, POLICY.backoffBaseMs + 1_000);
    expect(await attempt(email, WRONG)).toMatchObject({ ok: false, reason: "invalid" }); // the sixth failure
    // now ten minutes: five are not enough
    await rewind(email, POLICY.backoffBaseMs + 1_000);
    expect(await attempt(email, WRONG)).toMatchObject({ ok: false, reason: "throttled" });
    await rewind(email, 2 * POLICY.backoffBaseMs + 1_000);
    expect(await attempt(email, WRONG)).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("locks the address after the lockout count until the failures are cleared (as a password reset does)", async () => {
    const { user } = await signedInUser(bed.deps, "locked");
    await bed.db.rateLimit.create({
      data: { key: limitKey({ name: "signin-email" }, user.email), count: 99, windowStart: new Date(0), expiresAt: new Date(Date.now() + 86_400_000) },
    });
    expect(await attempt(user.email, WRONG)).toMatchObject({ ok: false, reason: "invalid" });
    await rewind(user.email, 365 * 86_400_000);
    expect(await attempt(user.email, CURRENT_PASSWORD)).toEqual({ ok: false, reason: "locked" });

    await clearSignInFailures(bed.db, user.email);
    expect(await attempt(user.email, CURRENT_PASSWORD)).toMatchObject({ ok: true });
  });

  it("limits failures per client IP across addresses, and never keys on anything but the address given", async () => {
    const ip = freshIp();
    for (let i = 0; i < POLICY.ipFailures; i++) {
      expect(await attempt(uniqueEmail("spray"), WRONG, ip)).toMatchObject({ ok: false, reason: "invalid" });
    }
    expect(await attempt(uniqueEmail("spray"), WRONG, ip)).toMatchObject({ ok: false, reason: "throttled" });
    // another client is not affected
    expect(await attempt(uniqueEmail("spray"), WRONG, freshIp())).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("counts 20 concurrent tries exactly, each reserved by one atomic upsert", async () => {
    const email = uniqueEmail("concurrent");
    const roomy = { ...POLICY, emailFailures: 50 };
    const reservations = await Promise.all(Array.from({ length: 20 }, () => reserveSignInAttempt(bed.db, roomy, { email, ip: null })));
    expect(reservations.filter((reservation) => reservation.allowed)).toHaveLength(20);
    expect((await runOf(email))?.count).toBe(20);
  });

  it("lets exactly the free tries of 20 concurrent ones through, and counts only those", async () => {
    const email = uniqueEmail("concurrent-limited");
    const reservations = await Promise.all(Array.from({ length: 20 }, () => reserveSignInAttempt(bed.db, POLICY, { email, ip: null })));
    expect(reservations.filter((reservation) => reservation.allowed)).toHaveLength(POLICY.emailFailures);
    expect(reservations.filter((reservation) => !reservation.allowed && reservation.reason === "throttled")).toHaveLength(20 - POLICY.emailFailures);
    expect((await runOf(email))?.count).toBe(POLICY.emailFailures);
  });
});
