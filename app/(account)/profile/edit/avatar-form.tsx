"use client";

import { ButtonForm } from "@/components/form/button-form";
import { Field } from "@/components/form/field";
import { FormAlert } from "@/components/form/form-alert";
import { SubmitButton } from "@/components/form/submit-button";
import { useActionForm } from "@/components/form/use-action-form";
import type { ActionFailure } from "@/lib/actions";
import { AVATAR_ERRORS, AVATAR_TYPES } from "@/lib/validation/form-constants";
import { removeAvatarAction, uploadAvatarAction } from "./actions";

/** What a post too large for the server to read comes back with (proxy.ts). */
const TOO_LARGE: ActionFailure = { ok: false, error: AVATAR_ERRORS.tooBig };

export function AvatarForm({ hasAvatar, tooLarge }: { hasAvatar: boolean; tooLarge: boolean }) {
  const earlier = tooLarge ? TOO_LARGE : undefined;
  const { form, alert, formProps, pending, errorFor } = useActionForm(uploadAvatarAction, () => import("@/lib/validation/avatar").then((schemas) => schemas.avatarSchema), {
    initialFailure: earlier,
  });
  return (
    <div>
      <form {...formProps}>
        <FormAlert {...alert} />
        <Field
          label={hasAvatar ? "Replace your picture" : "Upload a picture"}
          type="file"
          accept={AVATAR_TYPES.join(",")}
          hint="PNG, JPEG or WebP, up to 2 MB. It will be cropped to a square."
          error={errorFor("avatar") ?? (alert.state === earlier ? earlier?.error : undefined)}
          {...form.register("avatar")}
        />
        <SubmitButton pending={pending} pendingText="Uploading…">
          Upload picture
        </SubmitButton>
      </form>
      {hasAvatar && <ButtonForm action={removeAvatarAction} label="Remove picture" pendingText="Removing…" variant="secondary" className="avatar-editor__remove" />}
    </div>
  );
}
