// What makes a password acceptable: length in code points, not on the common
// list, not built from the user's own email or name. No composition rules
// (NIST SP 800-63B-4 §3.1.1.2); spaces, emoji and every script are welcome.
// Pure rules, safe in the browser: the common-password list is a server-side
// lookup (lib/auth/common-passwords.ts) that the server passes in.
import { APP_NAME } from "@/lib/app-name";

/** Code points; checked first so no expensive work ever sees a huge input. */
export const PASSWORD_MAX_LENGTH = 1024;

// Domain labels that say nothing about the person (labels of 3 chars or fewer are skipped anyway).
const GENERIC_DOMAIN_LABELS = new Set(["info", "mobi", "name", "asia", "aero", "coop", "jobs", "museum", "travel", "online", "site", "email"]);

/** NFKC, so full-width and other compatibility forms count as their plain letters. */
export function normalizePassword(password: string): string {
  return password.normalize("NFKC");
}

/** Code points of the NFKC form: an emoji counts as one, like any letter. */
export function passwordLength(password: string): number {
  return [...normalizePassword(password)].length;
}

/** True when longer than PASSWORD_MAX_LENGTH code points; never walks past that. */
export function exceedsMaxLength(password: string): boolean {
  if (password.length <= PASSWORD_MAX_LENGTH) return false; // UTF-16 units ≥ code points
  if (password.length > 2 * PASSWORD_MAX_LENGTH) return true; // a code point is at most 2 units
  return [...password].length > PASSWORD_MAX_LENGTH; // at most 2,048 units to walk
}

export type PasswordContext = { email?: string; name?: string };
export type PasswordRules = { minLength: number; isCommon?: (password: string) => boolean };

/** undefined when acceptable, else a message for the user that says why. */
export function passwordProblem(password: string, context: PasswordContext, rules: PasswordRules): string | undefined {
  if (exceedsMaxLength(password)) return `Use at most ${PASSWORD_MAX_LENGTH.toLocaleString("en-US")} characters.`;
  if (passwordLength(password) < rules.minLength) return `Use at least ${rules.minLength} characters.`;
  if (rules.isCommon?.(password)) return "This is one of the most common passwords, so it is easy to guess. Try a few unrelated words.";
  const closeTo = tooCloseTo(password, context);
  if (closeTo) return `This password is too close to ${closeTo}. Add words that have nothing to do with you.`;
  return undefined;
}

/**
 * "Too close" rule: lower-case the NFKC password and delete every occurrence
 * of the context words (email address, its local part and the letter runs in
 * it, domain labels over 3 chars except generic ones, name parts of 3+ chars,
 * the product's name (APP_NAME), "password"), longest first; then delete digits, punctuation,
 * whitespace and ASCII symbols. If any word was found and fewer than 4 code
 * points remain, or under a quarter of the original length, the password is
 * mostly the user's own data plus padding. A short name inside a long
 * passphrase leaves plenty behind, so it passes. Returns what it is close to.
 */
function tooCloseTo(password: string, context: PasswordContext): string | undefined {
  const words = contextWords(context);
  const original = normalizePassword(password).toLowerCase();
  let rest = original;
  const found = new Set<ContextWord["source"]>();
  for (const { word, source } of words) {
    if (!rest.includes(word)) continue;
    rest = rest.split(word).join("");
    found.add(source);
  }
  if (found.size === 0) return undefined;
  // Emoji are symbols too (\p{So}), so only ASCII symbols are stripped: "😀" × 12 must stay a password.
  const remaining = [...rest.replace(/[\p{N}\p{P}\p{Z}\s$+<=>^`|~]/gu, "")].length;
  if (remaining >= 4 && remaining * 4 >= [...original].length) return undefined;
  const names = { email: "your email address", name: "your name", app: "the name of this site", word: "the word “password”" } as const;
  const parts = (["email", "name", "app", "word"] as const).filter((source) => found.has(source)).map((source) => names[source]);
  return parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}` : parts[0];
}

type ContextWord = { word: string; source: "email" | "name" | "app" | "word" };

function contextWords(context: PasswordContext): ContextWord[] {
  const words: ContextWord[] = [];
  const add = (word: string, source: ContextWord["source"]) => {
    if ([...word].length >= 3) words.push({ word, source });
  };
  const email = normalizePassword(context.email ?? "")
    .toLowerCase()
    .trim();
  if (email) {
    const at = email.lastIndexOf("@");
    const local = at === -1 ? email : email.slice(0, at);
    const domain = at === -1 ? "" : email.slice(at + 1);
    add(email, "email");
    add(local, "email");
    for (const run of local.split(/[^\p{L}]+/u)) add(run, "email");
    for (const label of domain.split(".")) if ([...label].length > 3 && !GENERIC_DOMAIN_LABELS.has(label)) add(label, "email");
  }
  const name = normalizePassword(context.name ?? "").toLowerCase();
  for (const part of name.split(/[^\p{L}\p{M}]+/u)) add(part, "name");
  add(APP_NAME.toLowerCase(), "app");
  add("password", "word");
  // Longest first, so "johnsmith@example.com" goes before "johnsmith" before "john".
  return words.sort((a, b) => b.word.length - a.word.length);
}
