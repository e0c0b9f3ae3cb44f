// Every server action of the production build, read from its manifest, with
// the fields each one's form sends. An action the build has and this list
// lacks stops the fuzz test: new actions get fuzzed, not forgotten.
import fs from "node:fs";
import path from "node:path";
import type { FieldKind } from "./values";

export type ActionSpec = {
  id: string;
  name: string;
  /** a page that renders it, where a browser would post it */
  page: string;
  fields: Record<string, FieldKind>;
  /** true for actions a browser calls with no input at all (a sign-out button) */
  takesNoInput: boolean;
  /** false when any call made with a session does what it is for, so no call is malformed (see FIELDS) */
  fuzzSignedIn: boolean;
  /** [previous state, form data], as useActionState passes them, or [form data] */
  hasState: boolean;
};

const email: FieldKind = "email";
const password: FieldKind = "password";
const newPassword: FieldKind = "new-password";

/**
 * The fields each action reads. An action that takes no input
 * (sign out, remove the picture, cancel an email change) has no malformed
 * call: signed in, whatever it is sent, it does its job, so it is fuzzed
 * signed out only. The link confirmations take no fields either; their input
 * is the link cookie, which the fuzzer sends malformed.
 */
const FIELDS: Record<string, { fields: Record<string, FieldKind>; signedIn?: false; stateless?: true }> = {
  signInWithPasswordAction: { fields: { email, password, remember: "any", callbackUrl: "any" } },
  registerAction: { fields: { name: "name", email, password: newPassword, confirmPassword: newPassword } },
  resendVerificationAction: { fields: { email } },
  requestPasswordResetAction: { fields: { email } },
  setNewPasswordAction: { fields: { password: newPassword, confirmPassword: newPassword } },
  confirmEmailAddressAction: { fields: {} },
  confirmEmailChangeAction: { fields: {} },
  changePasswordAction: { fields: { currentPassword: password, password: newPassword, confirmPassword: newPassword } },
  changeEmailAction: { fields: { newEmail: email, currentPassword: password } },
  endSessionsAction: { fields: { currentPassword: password, session: "session" } },
  deleteAccountAction: { fields: { currentPassword: password } },
  updateProfileAction: { fields: { name: "name", bio: "bio" } },
  uploadAvatarAction: { fields: { avatar: "file" } },
  signOutAction: { fields: {}, signedIn: false },
  removeAvatarAction: { fields: {}, signedIn: false },
  cancelEmailChangeAction: { fields: {}, signedIn: false },
};

type Manifest = { node: Record<string, { exportedName?: string; workers: Record<string, unknown> }> };

/** "app/(account)/profile/edit/page" → "/profile/edit" */
function routeOf(worker: string): string {
  const route = worker
    .replace(/^app/, "")
    .replace(/\/page$/, "")
    .replace(/\/\([^/]+\)/g, "");
  return route === "" ? "/" : route;
}

export function actionCatalogue(buildDir = path.join(process.cwd(), ".next")): ActionSpec[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(buildDir, "server", "server-reference-manifest.json"), "utf8")) as Manifest;
  return Object.entries(manifest.node).map(([id, entry]) => {
    const name = entry.exportedName ?? id;
    const spec = FIELDS[name];
    if (!spec) throw new Error(`the build has an action the fuzzer does not know: ${name} (${id}); add its fields to action-catalogue.ts`);
    const worker = Object.keys(entry.workers)[0];
    if (!worker) throw new Error(`no page renders ${name}`);
    return {
      id,
      name,
      page: routeOf(worker),
      fields: spec.fields,
      takesNoInput: Object.keys(spec.fields).length === 0,
      fuzzSignedIn: spec.signedIn !== false,
      hasState: !spec.stateless,
    };
  });
}
