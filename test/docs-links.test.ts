// The documents a newcomer reads (README.md, SECURITY.md, docs/) name files
// and folders of this repository; when code moves, a name left behind points
// at nothing. This fails on such a name, with the line it is on.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { anchorsOf, brokenReferences, headingAnchor } from "./doc-references";

const ROOT = path.resolve(import.meta.dirname, "..");

const DOCUMENTS = [
  "README.md",
  "SECURITY.md",
  ...fs
    .readdirSync(path.join(ROOT, "docs"), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".md"))
    .map((file) => path.join("docs", file))
    .sort(),
];

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");

describe("the documents", () => {
  it("include the map and the decision records", () => {
    expect(DOCUMENTS).toEqual(expect.arrayContaining(["docs/architecture.md", "docs/decisions/README.md"]));
  });

  it.each(DOCUMENTS)("%s names only files, folders and headings that exist", (file) => {
    const problems = brokenReferences(read(file), file, ROOT).map(({ line, reference, reason }) => `${file}:${line}: ${reference} ${reason}`);
    expect(problems).toEqual([]);
  });

  it("list every decision record in the decisions index", () => {
    const records = fs.readdirSync(path.join(ROOT, "docs/decisions")).filter((name) => /^\d{4}-.*\.md$/.test(name));
    const index = read("docs/decisions/README.md");
    expect(records.length).toBeGreaterThan(0);
    expect(records.filter((name) => !index.includes(`](${name})`))).toEqual([]);
  });
});

describe("the reference check", () => {
  const check = (markdown: string, file = "docs/sample.md") => brokenReferences(markdown, file, ROOT).map(({ line, reference }) => `${line}: ${reference}`);

  it("finds backticked paths, bare file names and links that point at nothing", () => {
    const markdown = [
      "The client is `lib/db.ts`, not `lib/database.ts`; forms live in `components/form/`, not `components/forms/`.",
      "Run `server.ts`, not `sever.ts`; a misspelt folder with a file, `lbi/env.ts`, is caught too.",
      "See [the schema](../prisma/schema.prisma), [nothing](../prisma/nothing.prisma),",
      "[a section](../SECURITY.md#throttling) and [no section](../SECURITY.md#no-such-section).",
    ].join("\n");
    expect(check(markdown)).toEqual([
      "1: lib/database.ts",
      "1: components/forms/",
      "2: sever.ts",
      "2: lbi/env.ts",
      "3: ../prisma/nothing.prisma",
      "4: ../SECURITY.md#no-such-section",
    ]);
  });

  it("leaves alone what is not a repository path", () => {
    const markdown = [
      "`npm run dev`, `zod/mini`, `next/navigation`, `z.infer`, `__Host-authjs.session-token`, `/dev/mailbox`,",
      "`pglite:./.data/pglite`, `.data/mailbox`, `.next/static`, `prisma/migrations/<timestamp>_<name>/`, `docs/**/*.md`,",
      "[a site](https://example.com/nothing.md), [mail](mailto:someone@example.com)",
      "```sh",
      "cat `lib/nothing.ts` [x](nothing.md)",
      "```",
    ].join("\n");
    expect(check(markdown)).toEqual([]);
  });

  it("resolves links from the document's folder and anchors in the document itself", () => {
    expect(check("[up](../../README.md) [not up enough](../README.md)", "docs/decisions/sample.md")).toEqual(["1: ../README.md"]);
    expect(check("[here](#the-title) [gone](#another)\n# The title")).toEqual(["1: #another"]);
  });

  it("spells anchors as GitHub does", () => {
    expect(headingAnchor("How to add a form (with and without JavaScript)")).toBe("how-to-add-a-form-with-and-without-javascript");
    expect(headingAnchor("0003: The `outbox`, tokens minted at send time")).toBe("0003-the-outbox-tokens-minted-at-send-time");
    expect([...anchorsOf("# Notes\n## Notes\n```\n# not a heading\n```")]).toEqual(["notes", "notes-1"]);
  });
});
