// The "where you're signed in" page's logic, on both databases: the list
// shows only this person's live sessions, this browser first, and ending
// sessions needs the password, never ends this browser and never reaches
// another person's session.
import { describe, expect, it } from "vitest";
import { limitKey } from "@/lib/auth/rate-limit";
import { createSession, findLiveSession, hashSessionId, revokeSession } from "@/lib/auth/sessions";
import { useAccountTestBed } from "@/test/account-test-bed";
import { DB_KINDS } from "@/test/databases";
import { CURRENT_PASSWORD, signedInUser, TEST_SESSION_POLICY } from "@/test/signed-in-user";
import { PASSWORD_CHECK_ATTEMPTS } from "./current-password";
import { endSessions, listSessions, type EndSessionsInput } from "./sessions";

const HOUR = 3_600_000;
const WRONG = "not my password at all";

describe.each(DB_KINDS)("account sessions on %s", (kind) => {
  const bed = useAccountTestBed(kind);

  const rowOf = (sid: string) => bed.db.session.findUniqueOrThrow({ where: { sessionToken: hashSessionId(sid) } });
  const setRow = (sid: string, data: { lastSeenAt?: Date; expires?: Date }) => bed.db.session.update({ where: { sessionToken: hashSessionId(sid) }, data });
  const isLive = async (sid: string) => (await findLiveSession(bed.db, TEST_SESSION_POLICY, sid)) !== null;
  const list = (userId: string, currentSid: string) => listSessions(bed.deps, TEST_SESSION_POLICY, userId, currentSid);
  const end = (input: Omit<EndSessionsInput, "currentPassword"> & { currentPassword?: string }) =>
    endSessions(bed.deps, TEST_SESSION_POLICY, { currentPassword: CURRENT_PASSWORD, ...input });

  describe("listSessions", () => {
    it("lists only live sessions of that person, this browser first and flagged, then the most recently used", async () => {
      const { user, sid, otherSid, signIn } = await signedInUser(bed.deps, "lister");
      const stranger = await signedInUser(bed.deps, "stranger");
      const now = Date.now();
      const remembered = await createSession(bed.db, TEST_SESSION_POLICY, { userId: user.id, persistent: true, userAgent: "Firefox", ip: "192.0.2.7" });
      const [revoked, expired, idle, idleRemembered] = [await signIn(), await signIn(), await signIn(), await signIn()];
      await revokeSession(bed.db, revoked);
      await setRow(expired, { expires: new Date(now - 1_000) });
      await setRow(idle, { lastSeenAt: new Date(now - 2 * HOUR) });
      await bed.db.session.update({ where: { sessionToken: hashSessionId(idleRemembered) }, data: { persistent: true, lastSeenAt: new Date(now - 3 * HOUR) } });
      // this browser was used longest ago of the live ones, and still comes first
      await setRow(sid, { lastSeenAt: new Date(now - 50 * 60_000) });
      await setRow(otherSid, { lastSeenAt: new Date(now - 10 * 60_000) });

      const sessions = await list(user.id, sid);

      const ids = async (...sids: string[]) => Promise.all(sids.map(async (s) => (await rowOf(s)).id));
      expect(sessions.map((s) => s.id)).toEqual(await ids(sid, remembered, otherSid, idleRemembered));
      expect(sessions.map((s) => s.current)).toEqual([true, false, false, false]);
      expect(sessions[1]).toMatchObject({ userAgent: "Firefox", ip: "192.0.2.7", persistent: true });
      expect(sessions.map((s) => s.id)).not.toContain((await rowOf(stranger.sid)).id);
      // only what the page shows: no session token or hash of it
      expect(Object.keys(sessions[0] ?? {}).sort()).toEqual(["createdAt", "current", "id", "ip", "lastSeenAt", "persistent", "userAgent"]);
      expect(JSON.stringify(sessions)).not.toContain(hashSessionId(sid));
    });

    it("flags nothing as current for a session id that is not this person's", async () => {
      const { user } = await signedInUser(bed.deps, "no-current");
      const stranger = await signedInUser(bed.deps, "other-browser");
      for (const currentSid of [stranger.sid, ""]) {
        const sessions = await list(user.id, currentSid);
        expect(sessions).toHaveLength(2);
        expect(sessions.some((s) => s.current)).toBe(false);
      }
    });
  });

  describe("endSessions", () => {
    it("ends one session by its id and nothing else", async () => {
      const account = await signedInUser(bed.deps, "end-one");
      const third = await account.signIn();
      const target = (await rowOf(account.otherSid)).id;

      expect(await end({ userId: account.user.id, currentSid: account.sid, target: { id: target } })).toEqual({ ok: true, ended: 1 });
      expect(await isLive(account.otherSid)).toBe(false);
      expect(await isLive(account.sid)).toBe(true);
      expect(await isLive(third)).toBe(true);
      expect((await list(account.user.id, account.sid)).map((s) => s.id)).not.toContain(target);
    });

    it("ends all other sessions but never this browser's, nor another person's", async () => {
      const account = await signedInUser(bed.deps, "end-all");
      const third = await account.signIn();
      const stranger = await signedInUser(bed.deps, "untouched");

      expect(await end({ userId: account.user.id, currentSid: account.sid, target: { all: true } })).toEqual({ ok: true, ended: 2 });
      expect(await isLive(account.sid)).toBe(true);
      expect(await isLive(account.otherSid)).toBe(false);
      expect(await isLive(third)).toBe(false);
      expect(await isLive(stranger.sid)).toBe(true);
      expect(await isLive(stranger.otherSid)).toBe(true);
      expect((await list(account.user.id, account.sid)).map((s) => s.current)).toEqual([true]);
    });

    it("counts only sessions that were still alive: an idle one is not 'ended' again", async () => {
      const account = await signedInUser(bed.deps, "idle-other");
      const idle = await account.signIn();
      await setRow(idle, { lastSeenAt: new Date(Date.now() - (TEST_SESSION_POLICY.idleMinutes + 1) * 60_000) });
      const idleId = (await rowOf(idle)).id;

      expect(await end({ userId: account.user.id, currentSid: account.sid, target: { id: idleId } })).toEqual({ ok: true, ended: 0 });
      expect(await end({ userId: account.user.id, currentSid: account.sid, target: { all: true } })).toEqual({ ok: true, ended: 1 });
    });

    it("does not end this browser's session even when its id is passed", async () => {
      const account = await signedInUser(bed.deps, "self");
      const own = (await rowOf(account.sid)).id;
      expect(await end({ userId: account.user.id, currentSid: account.sid, target: { id: own } })).toEqual({ ok: true, ended: 0 });
      expect(await isLive(account.sid)).toBe(true);
      expect(await isLive(account.otherSid)).toBe(true);
    });

    it("does not end another person's session even when its id is passed", async () => {
      const account = await signedInUser(bed.deps, "reacher");
      const victim = await signedInUser(bed.deps, "victim");
      const theirs = (await rowOf(victim.sid)).id;

      expect(await end({ userId: account.user.id, currentSid: account.sid, target: { id: theirs } })).toEqual({ ok: true, ended: 0 });
      expect(await isLive(victim.sid)).toBe(true);
      expect((await rowOf(victim.sid)).revokedAt).toBeNull();
      expect(await isLive(account.otherSid)).toBe(true);
    });

    it("refuses a wrong current password and ends nothing", async () => {
      const account = await signedInUser(bed.deps, "wrong");
      for (const target of [{ all: true as const }, { id: (await rowOf(account.otherSid)).id }]) {
        expect(await end({ userId: account.user.id, currentSid: account.sid, target, currentPassword: WRONG })).toEqual({
          ok: false,
          field: "currentPassword",
          error: "That isn't your current password.",
        });
      }
      expect(await isLive(account.otherSid)).toBe(true);
      expect(await bed.db.session.count({ where: { userId: account.user.id, revokedAt: { not: null } } })).toBe(0);
    });

    it("forgets earlier wrong guesses once sessions are ended", async () => {
      const account = await signedInUser(bed.deps, "forgiven");
      const key = limitKey(PASSWORD_CHECK_ATTEMPTS, account.user.id);
      const input = { userId: account.user.id, currentSid: account.sid, target: { all: true as const } };
      for (let i = 0; i < 3; i++) await end({ ...input, currentPassword: WRONG });
      expect(await bed.db.rateLimit.findUnique({ where: { key } })).toMatchObject({ count: 3 });

      expect(await end(input)).toEqual({ ok: true, ended: 1 });
      expect(await bed.db.rateLimit.findUnique({ where: { key } })).toBeNull();
    });
  });
});
