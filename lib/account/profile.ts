// The profile a person edits: name, bio and avatar, always of the signed-in
// user (the caller passes the session's user id, never a submitted one).
import { createHash } from "node:crypto";
import type { DbClient } from "@/lib/db";
import type { AvatarImage } from "./avatar-image";

/** The URL of the signed-in person's own avatar; the version is the content's hash, so it can be cached for good. */
export const AVATAR_PATH = "/profile/avatar";

export type ProfileDetails = { name: string; bio: string };

export async function updateProfile(db: DbClient, userId: string, details: ProfileDetails): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { name: details.name, bio: details.bio || null } });
}

export async function saveAvatar(db: DbClient, userId: string, image: AvatarImage): Promise<void> {
  const version = createHash("sha256").update(image.data).digest("base64url").slice(0, 16);
  const avatar = { contentType: image.contentType, data: new Uint8Array(image.data) };
  await db.$transaction([
    db.avatar.upsert({ where: { userId }, create: { userId, ...avatar }, update: avatar }),
    db.user.update({ where: { id: userId }, data: { image: `${AVATAR_PATH}?v=${version}` } }),
  ]);
}

export async function removeAvatar(db: DbClient, userId: string): Promise<void> {
  await db.$transaction([db.avatar.deleteMany({ where: { userId } }), db.user.update({ where: { id: userId }, data: { image: null } })]);
}

export async function findAvatar(db: DbClient, userId: string) {
  return db.avatar.findUnique({ where: { userId }, select: { contentType: true, data: true } });
}
