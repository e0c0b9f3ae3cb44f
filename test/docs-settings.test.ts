// README.md and .env.example both say which settings a production server
// cannot start without, and how many there are; lib/env.ts decides. This
// keeps the three in step.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

const NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

/** What lib/env.ts demands: the names its refusal lists when nothing is set. */
function requiredInProduction(): string[] {
  try {
    parseEnv({ NODE_ENV: "production" });
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    const list = /for production: ([A-Z0-9_, ]+)\./.exec(error.message)?.[1] ?? "";
    return list.split(", ").sort();
  }
  throw new Error("a production start with nothing set was accepted");
}

/** README's configuration table: the variables whose row says they are required in production. */
function requiredInReadme(readme: string): string[] {
  return readme
    .split("\n")
    .filter((line) => line.startsWith("| `") && /Required in production/i.test(line))
    .flatMap((line) => [...(/^\| ([^|]+)\|/.exec(line)?.[1]?.matchAll(/`([A-Z0-9_]+)`/g) ?? [])].map(([, name]) => name ?? ""))
    .sort();
}

/** .env.example: a variable is marked when the comment block just above it says "required in production". */
function requiredInEnvExample(example: string): string[] {
  const marked: string[] = [];
  let comment = "";
  for (const line of example.split("\n")) {
    const assignment = /^([A-Z][A-Z0-9_]*)=/.exec(line)?.[1];
    if (line.startsWith("#")) comment += `${line}\n`;
    else {
      if (assignment && /required in production/i.test(comment)) marked.push(assignment);
      comment = "";
    }
  }
  return marked.sort();
}

/** Every "the six required" or "the six marked" in a text, as the number word. */
const statedCounts = (text: string) => [...text.matchAll(/\bthe (\w+) (?:required|marked)\b/g)].map(([, word]) => word);

describe("the settings production requires", () => {
  const required = requiredInProduction();
  const readme = fs.readFileSync("README.md", "utf8");
  const example = fs.readFileSync(".env.example", "utf8");

  it("are read from lib/env.ts", () => {
    expect(required).toContain("AUTH_SECRET");
  });

  it("are the ones README.md's table marks as required", () => {
    expect(requiredInReadme(readme)).toEqual(required);
  });

  it("are the ones .env.example marks as required", () => {
    expect(requiredInEnvExample(example)).toEqual(required);
  });

  it("are counted the same in README.md and .env.example", () => {
    const word = NUMBER_WORDS[required.length];
    expect(statedCounts(readme).length).toBeGreaterThan(0);
    expect(statedCounts(example).length).toBeGreaterThan(0);
    expect([...statedCounts(readme), ...statedCounts(example)].every((stated) => stated === word)).toBe(true);
  });
});
