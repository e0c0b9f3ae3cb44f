// Editing the profile, on both databases: name and bio, and an avatar kept
// in the database whose URL changes exactly when its content does.
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { useAccountTestBed } from "@/test/account-test-bed";
import { DB_KINDS } from "@/test/databases";
import { signedInUser } from "@/test/signed-in-user";
import { prepareAvatar, type AvatarImage } from "./avatar-image";
import { findAvatar, removeAvatar, saveAvatar, updateProfile } from "./profile";

const AVATAR_URL = /^\/profile\/avatar\?v=[A-Za-z0-9_-]{16}$/;

/** A real avatar, as the upload action makes it, of one colour. */
async function avatarOf(colour: string): Promise<AvatarImage> {
  const png = await sharp({ create: { width: 80, height: 80, channels: 3, background: colour } })
    .png()
    .toBuffer();
  const result = await prepareAvatar(png);
  if (!result.ok) throw new Error(result.error);
  return result.image;
}

describe.each(DB_KINDS)("profile on %s", (kind) => {
  const bed = useAccountTestBed(kind);
  const userRow = (id: string) => bed.db.user.findUniqueOrThrow({ where: { id } });

  describe("updateProfile", () => {
    it("stores the name and bio of that person only", async () => {
      const [{ user }, other] = [await signedInUser(bed.deps, "editor"), await signedInUser(bed.deps, "other")];
      await updateProfile(bed.db, user.id, { name: "Ada Lovelace", bio: "Writes notes.\nOn engines." });

      expect(await userRow(user.id)).toMatchObject({ name: "Ada Lovelace", bio: "Writes notes.\nOn engines.", email: user.email });
      expect(await userRow(other.user.id)).toMatchObject({ name: "Robin", bio: null });
    });

    it("stores an empty bio as no bio", async () => {
      const { user } = await signedInUser(bed.deps, "blank");
      await updateProfile(bed.db, user.id, { name: "Ada", bio: "Something" });
      await updateProfile(bed.db, user.id, { name: "Ada", bio: "" });
      expect((await userRow(user.id)).bio).toBeNull();
    });
  });

  describe("the avatar", () => {
    it("is stored as given and shown at a versioned URL", async () => {
      const { user } = await signedInUser(bed.deps, "pictured");
      const image = await avatarOf("#cc3333");
      expect(await findAvatar(bed.db, user.id)).toBeNull();

      await saveAvatar(bed.db, user.id, image);

      expect((await userRow(user.id)).image).toMatch(AVATAR_URL);
      const stored = await findAvatar(bed.db, user.id);
      expect(stored?.contentType).toBe("image/webp");
      expect(Buffer.from(stored?.data ?? new Uint8Array()).equals(image.data)).toBe(true);
    });

    it("gets a new URL when the content changes, and keeps it when the same image is saved again", async () => {
      const { user } = await signedInUser(bed.deps, "repainted");
      const [red, green] = [await avatarOf("#cc3333"), await avatarOf("#33cc33")];

      await saveAvatar(bed.db, user.id, red);
      const redUrl = (await userRow(user.id)).image;
      await saveAvatar(bed.db, user.id, green);
      const greenUrl = (await userRow(user.id)).image;
      await saveAvatar(bed.db, user.id, green);

      expect(greenUrl).toMatch(AVATAR_URL);
      expect(greenUrl).not.toBe(redUrl);
      expect((await userRow(user.id)).image).toBe(greenUrl);
      // one row, the newest picture
      expect(await bed.db.avatar.count({ where: { userId: user.id } })).toBe(1);
      expect(Buffer.from((await findAvatar(bed.db, user.id))?.data ?? new Uint8Array()).equals(green.data)).toBe(true);
    });

    it("is removed with its URL, and removing again is harmless; another person's stays", async () => {
      const [{ user }, other] = [await signedInUser(bed.deps, "unpictured"), await signedInUser(bed.deps, "still-pictured")];
      await saveAvatar(bed.db, user.id, await avatarOf("#3333cc"));
      await saveAvatar(bed.db, other.user.id, await avatarOf("#3333cc"));

      await removeAvatar(bed.db, user.id);
      await removeAvatar(bed.db, user.id);

      expect(await findAvatar(bed.db, user.id)).toBeNull();
      expect((await userRow(user.id)).image).toBeNull();
      expect(await findAvatar(bed.db, other.user.id)).not.toBeNull();
      expect((await userRow(other.user.id)).image).toMatch(AVATAR_URL);
    });
  });
});
