import "server-only";
// The shipped list of common passwords (see the header of common-passwords.txt).
import fs from "node:fs";
import path from "node:path";
import { normalizePassword } from "./password-policy";

let commonPasswords: Set<string> | undefined;

function loadCommonPasswords(): Set<string> {
  // The app always runs from the project root; turbopackIgnore keeps the bundler from tracing cwd.
  const file = path.join(/*turbopackIgnore: true*/ process.cwd(), "lib/auth/common-passwords.txt");
  const lines = fs.readFileSync(file, "utf8").split(/\r?\n/);
  // Only the leading block of "#" lines is a comment: some passwords start with "#".
  const start = lines.findIndex((line) => !line.startsWith("#"));
  return new Set(lines.slice(start === -1 ? lines.length : start).filter((line) => line !== ""));
}

/** Whole-password, case-insensitive match against the shipped list (lower-case, NFKC-stable ASCII). */
export function isCommonPassword(password: string): boolean {
  commonPasswords ??= loadCommonPasswords();
  return commonPasswords.has(normalizePassword(password).toLowerCase());
}
