import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/current-user";
import { DeleteAccountForm } from "./delete-account-form";

export const metadata: Metadata = { title: "Delete your account" };

export default async function DeleteAccountPage() {
  const user = await requireUser("/settings/delete");
  return (
    <div className="narrow">
      <h1>Delete your account</h1>
      <p>
        This deletes the account <strong>{user.email}</strong> for good: your profile, picture and every session. It can&apos;t be undone. We&apos;ll send a last email to say
        it&apos;s done, and the address will be free to register again.
      </p>
      <DeleteAccountForm />
    </div>
  );
}
