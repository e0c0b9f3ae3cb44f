// The fields of one malformed submission: at least one field the action
// reads is refused by its schema (missing, repeated, of the wrong kind or
// size), so no submission may change anything, and the rest is noise.
import type { ActionSpec } from "./action-catalogue";
import type { Part } from "./multipart";
import type { Random } from "./prng";
import { breakingValue, junk, plausibleValue, type FieldKind, type Value } from "./values";

/** Fields no form sends, named after what an attacker would like to set. */
const EXTRA_FIELDS = ["id", "email", "emailVerified", "passwordHash", "role", "userId", "image", "__proto__", "constructor", "isAdmin"];

const PNG_BYTES = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489", "hex");

function filePart(name: string, random: Random, bytes: Buffer = PNG_BYTES): Part {
  return {
    name,
    value: bytes,
    file: { filename: random.pick(["a.png", "../../x.png", "\u0000.png", Buffer.from([0xff, 0x2e, 0x70])]), type: random.pick(["image/png", "text/html", ""]) },
  };
}

function valuePart(name: string, kind: FieldKind, value: Value, random: Random): Part {
  return kind === "file" ? filePart(name, random, typeof value === "string" ? Buffer.from(value) : value) : { name, value };
}

export function malformedFields(spec: ActionSpec, random: Random): Part[] {
  const parts: Part[] = [];
  const breakable = Object.entries(spec.fields).filter(([, kind]) => kind !== "any");
  const victim = breakable.length > 0 ? random.pick(breakable)[0] : undefined;
  for (const [name, kind] of Object.entries(spec.fields)) {
    if (name === victim) {
      const broken = breakingValue(kind, random);
      if (broken === "missing") continue;
      if (broken === "repeated") {
        parts.push(valuePart(name, kind, plausibleValue(kind, random), random), valuePart(name, kind, plausibleValue(kind, random), random));
      } else if (kind === "file") {
        // a text value where a file belongs, or an empty file
        parts.push(broken === "" ? filePart(name, random, Buffer.alloc(0)) : { name, value: broken });
      } else {
        parts.push({ name, value: broken });
      }
      continue;
    }
    const roll = random.next();
    if (roll < 0.1) continue;
    parts.push(valuePart(name, kind, roll < 0.6 ? plausibleValue(kind, random) : junk(random), random));
  }
  if (random.chance(0.35)) {
    for (const name of EXTRA_FIELDS) {
      if (!(name in spec.fields) && random.chance(0.4)) parts.push({ name, value: random.pick(["admin", "true", "1", "x@example.test", junk(random)]) });
    }
  }
  if (random.chance(0.1)) parts.push({ name: junk(random), value: junk(random) });
  if (random.chance(0.05)) parts.push(filePart(random.pick(["file", "password", "email"]), random));
  return random.chance(0.2) ? shuffle(parts, random) : parts;
}

function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}
