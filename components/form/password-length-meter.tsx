"use client";

import { passwordLength } from "@/lib/auth/password-policy";

/**
 * How far a new password is from the length rule, as it is typed. Length is
 * the one rule the browser can check in full: the common-password list stays
 * on the server. Only the verdict is a live region, so a screen reader hears
 * it change once rather than a count per keystroke.
 */
export function PasswordLengthMeter({ password, minLength }: { password: string; minLength: number }) {
  const length = passwordLength(password);
  const enough = length >= minLength;
  return (
    <span className="length-meter">
      <meter min={0} max={minLength} low={minLength - 0.5} optimum={minLength} value={Math.min(length, minLength)} aria-hidden="true" />
      <span aria-live="polite">{length === 0 ? "" : enough ? "Long enough." : "Too short:"}</span>{" "}
      {length > 0 && !enough && (
        <span>
          {length} of at least {minLength} characters.
        </span>
      )}
    </span>
  );
}
