import type { Metadata } from "next";
import { Avatar } from "@/components/avatar";
import { Notice } from "@/components/notice";
import { requireUser } from "@/lib/auth/current-user";
import { isEntryOf } from "@/lib/http/query-choice";
import { AvatarForm } from "./avatar-form";
import { ProfileForm } from "./profile-form";

export const metadata: Metadata = { title: "Edit your profile" };

type Props = { searchParams: Promise<{ updated?: string | string[]; "too-large"?: string | string[] }> };

const UPDATES = {
  avatar: "Your new picture was saved.",
  "avatar-removed": "Your picture was removed.",
} as const;

export default async function EditProfilePage({ searchParams }: Props) {
  const user = await requireUser("/profile/edit");
  const { updated, "too-large": tooLarge } = await searchParams;
  const message = isEntryOf(UPDATES, updated) ? UPDATES[updated] : undefined;
  return (
    <div className="narrow">
      <h1>Edit your profile</h1>
      {message && <Notice>{message}</Notice>}
      <section aria-labelledby="details-heading">
        <h2 id="details-heading">Details</h2>
        <ProfileForm name={user.name ?? ""} bio={user.bio ?? ""} />
      </section>
      <section aria-labelledby="picture-heading">
        <h2 id="picture-heading">Picture</h2>
        <div className="avatar-editor">
          <Avatar name={user.name} email={user.email} image={user.image} />
          <AvatarForm hasAvatar={user.image !== null} tooLarge={tooLarge !== undefined} />
        </div>
      </section>
    </div>
  );
}
