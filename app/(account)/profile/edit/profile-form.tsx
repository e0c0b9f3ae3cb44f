"use client";

import { Field, TextAreaField } from "@/components/form/field";
import { FormAlert } from "@/components/form/form-alert";
import { SubmitButton } from "@/components/form/submit-button";
import { useActionForm } from "@/components/form/use-action-form";
import { BIO_MAX_LENGTH, NAME_MAX_LENGTH } from "@/lib/validation/form-constants";
import { updateProfileAction } from "./actions";

export function ProfileForm({ name, bio }: { name: string; bio: string }) {
  const { form, alert, formProps, pending, errorFor, valueOf } = useActionForm(updateProfileAction, () =>
    import("@/lib/validation/profile").then((schemas) => schemas.profileSchema),
  );
  return (
    <form {...formProps}>
      <FormAlert {...alert} />
      <Field label="Name" autoComplete="name" maxLength={NAME_MAX_LENGTH} defaultValue={valueOf("name") ?? name} error={errorFor("name")} {...form.register("name")} />
      <TextAreaField
        label="Bio"
        hint={`Optional. Up to ${BIO_MAX_LENGTH} characters about yourself.`}
        rows={5}
        maxLength={BIO_MAX_LENGTH}
        defaultValue={valueOf("bio") ?? bio}
        error={errorFor("bio")}
        {...form.register("bio")}
      />
      <SubmitButton pending={pending} pendingText="Saving…">
        Save profile
      </SubmitButton>
    </form>
  );
}
