"use server";

// Editing the profile. Each action acts on the session's own user only; the
// schemas name the fields it reads, so nothing else sent along is used.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { sharedAvatarQueue } from "@/lib/account/avatar-queue";
import { uploadAvatar } from "@/lib/account/avatar-upload";
import { removeAvatar, updateProfile } from "@/lib/account/profile";
import { buttonAction, formAction, refusal } from "@/lib/actions";
import { requireSession } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { clientSignal } from "@/lib/http/client-signal";
import { avatarSchema } from "@/lib/validation/avatar";
import { profileSchema } from "@/lib/validation/profile";

const EDIT_PAGE = "/profile/edit";

export const updateProfileAction = formAction(
  profileSchema,
  async (details) => {
    const { user } = await requireSession(EDIT_PAGE);
    await updateProfile(db, user.id, details);
    // the header (root layout) shows the name; without this the browser keeps its old copy of the layout
    revalidatePath("/", "layout");
    redirect("/profile?updated=details");
  },
  { keep: ["name", "bio"] },
);

export const uploadAvatarAction = formAction(
  avatarSchema,
  async ({ avatar }) => {
    const { user } = await requireSession(EDIT_PAGE);
    const bytes = new Uint8Array(await avatar.arrayBuffer());
    const uploaded = await uploadAvatar(db, sharedAvatarQueue(), { userId: user.id, bytes, signal: clientSignal() });
    if (!uploaded.ok) return refusal({ error: uploaded.error, field: "avatar" });
    redirect(`${EDIT_PAGE}?updated=avatar`);
  },
  { files: ["avatar"] },
);

export const removeAvatarAction = buttonAction(async () => {
  const { user } = await requireSession(EDIT_PAGE);
  await removeAvatar(db, user.id);
  redirect(`${EDIT_PAGE}?updated=avatar-removed`);
});
