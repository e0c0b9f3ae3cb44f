// Values a field should never accept, and junk for the fields beside it.
// A value is text (sent as UTF-8) or raw bytes (sent as they are: invalid
// UTF-8 included).
import type { Random } from "./prng";

export type Value = string | Buffer;

const MB = 1024 * 1024;

/** Byte sequences that are not UTF-8: a lone surrogate, an overlong slash, past U+10FFFF, cut short. */
export const INVALID_UTF8: readonly Buffer[] = [
  Buffer.from([0xff, 0xfe]),
  Buffer.from([0xc0, 0xaf]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0xf4, 0x90, 0x80, 0x80]),
  Buffer.from([0xe2, 0x82]),
  Buffer.from([0x80, 0x80, 0x80]),
];

const CONTROL = "\u0000\u0001\u0007\b\t\n\u000b\f\r\u001b\u007f\u0085\u009f";
const ODD_TEXT = [
  "",
  " ",
  "\u0000",
  `a${CONTROL}b`,
  "\r\n\r\n",
  "\u202e\u200b\ufeff",
  "Ｄ＠ｘ．ｔｅｓｔ",
  "😀".repeat(40),
  "\ud800", // a lone surrogate: JSON carries it as an escape, UTF-8 cannot
  "\udfff\ud800",
  "$@1",
  "$K1",
  "$Q0",
  "$F1",
  "$h0",
  "$T",
  "$undefined",
  "$n99999999999999999999999999",
  "$D2020-13-45",
  "__proto__",
  "constructor",
  "' OR 1=1 --",
  "<script>alert(1)</script>",
  "%00%ff%fe",
  "../../../etc/passwd",
  "1e309",
  "NaN",
  "null",
  "true",
  "-0",
];

/** A little over 1 MB of UTF-8, in characters of one to four bytes. */
export function hugeText(random: Random): string {
  const char = random.pick(["A", "é", "\u0000", "😀"]);
  return char.repeat(Math.ceil(random.int(MB, MB + 4096) / Buffer.byteLength(char)));
}

export function invalidUtf8(random: Random): Buffer {
  const prefix = Buffer.from(random.pick(["", "a", "name@example.test", "x@"]));
  return Buffer.concat([prefix, random.pick(INVALID_UTF8), Buffer.from(random.pick(["", "z", "@example.test"]))]);
}

/** Anything at all: odd text, long text, raw bytes. */
export function junk(random: Random): Value {
  const roll = random.next();
  if (roll < 0.55) return random.pick(ODD_TEXT);
  if (roll < 0.75) return invalidUtf8(random);
  if (roll < 0.9) return random.pick(["a", "x".repeat(10_000), "ab".repeat(600)]);
  if (roll < 0.99) return Buffer.from(Array.from({ length: random.int(1, 64) }, () => random.int(0, 255)));
  return hugeText(random);
}

/** What a field is, as far as breaking it goes. */
export type FieldKind = "email" | "password" | "new-password" | "name" | "bio" | "session" | "file" | "any";

/** A value the field's schema refuses, whatever else the request carries ("missing" drops the field). */
export function breakingValue(kind: FieldKind, random: Random): Value | "missing" | "repeated" {
  const common = ["missing", "repeated"] as const;
  switch (kind) {
    case "email":
      return random.pick<Value | "missing" | "repeated">([
        ...common,
        "",
        "   ",
        "no-at-sign",
        "a@b@c.test",
        "a b@c.test",
        "x\u0000@y.test",
        'a"b@c.test',
        "x\r\n@y.test",
        `${"x".repeat(300)}@e.test`,
        ...(random.chance(0.3) ? [`${hugeText(random)}@e.test`] : []),
      ]);
    case "password":
      return random.pick<Value | "missing" | "repeated">([...common, "", "p".repeat(1100), ...(random.chance(0.3) ? [hugeText(random)] : [])]);
    case "new-password":
      return random.pick<Value | "missing" | "repeated">([...common, "short", "", "q".repeat(1100), ...(random.chance(0.3) ? [hugeText(random)] : [])]);
    case "name":
      return random.pick<Value | "missing" | "repeated">([...common, "", "   ", "n".repeat(101), "bell\u0007", "nul\u0000", ...(random.chance(0.3) ? [hugeText(random)] : [])]);
    case "bio":
      return random.pick<Value | "missing" | "repeated">(["repeated", "b".repeat(501), "esc\u001b[31m", ...(random.chance(0.3) ? [hugeText(random)] : [])]);
    case "session":
      return random.pick<Value | "missing" | "repeated">([...common, "", "UPPER", "s".repeat(41), "../x", ...(random.chance(0.3) ? [hugeText(random)] : [])]);
    case "file":
      return random.pick<Value | "missing" | "repeated">([...common, "not a file", ""]);
    case "any":
      throw new Error("a field of any value cannot be broken");
  }
}

/** A value the field could well accept, so that breaking another one is what is refused. */
export function plausibleValue(kind: FieldKind, random: Random): Value {
  switch (kind) {
    case "email":
      return random.pick(["someone@example.test", "ADA@Example.Test", " padded@example.test "]);
    case "password":
    case "new-password":
      return random.pick(["purple giraffes sing at dawn", "correct horse battery staple", "ünïcödé pässwörd 123"]);
    case "name":
      return random.pick(["Ada Lovelace", "Grace", "名前"]);
    case "bio":
      return random.pick(["", "Hello\nthere", "x".repeat(400)]);
    case "session":
      return random.pick(["others", "abc123"]);
    case "file":
    case "any":
      return random.pick(["on", "true", "", "/profile"]);
  }
}

/**
 * Bytes a header value may carry (tab, visible ASCII, and the 0x80-0xFF that
 * are no UTF-8), cut to `max`: a control byte would only test Node's parser,
 * which refuses the whole request.
 */
export function headerValue(value: Value, max: number): Buffer {
  return Buffer.from(Buffer.from(value).filter((byte) => byte === 0x09 || (byte >= 0x20 && byte !== 0x7f))).subarray(0, max);
}
