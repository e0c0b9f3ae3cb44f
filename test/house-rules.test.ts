// The house rules of eslint.config.mjs, each shown refusing a deliberate
// violation (and letting the allowed form through, so no test passes by
// finding nothing at all).
import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";
import { clientModules, valueImports } from "@/lint/client-modules.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** The import rules' messages for `code` linted as the file at `filePath`. */
async function importProblems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, filePath) });
  return (result?.messages ?? []).filter((message) => message.ruleId?.endsWith("no-restricted-imports")).map((message) => message.message);
}

const importing = (specifier: string) => `import { thing } from "${specifier}";\nexport const used = thing;\n`;

describe("the layers: route → action → lib/account use-case → lib/db, lib/mail, lib/auth", { timeout: 120_000 }, () => {
  it.each([
    ["components/ui/widget.tsx", "@/app/(account)/actions"],
    ["components/form/widget.tsx", "../../app/(auth)/login/login-form"],
    ["proxy.ts", "./app/(auth)/actions"],
    ["proxy.ts", "@/app/page"],
  ])("%s may not import %s: only app/ imports from app/", async (file, specifier) => {
    expect(await importProblems(file, importing(specifier))).toEqual([expect.stringContaining("Only app/ imports from app/")]);
  });

  it.each([
    ["lib/anything.ts", "@/app/(auth)/actions", "Only app/ imports from app/"],
    ["lib/auth/anything.ts", "../../app/layout", "Only app/ imports from app/"],
    ["lib/anything.ts", "@/components/ui/button", "lib/ and emails/ do not import components/"],
    ["emails/anything.ts", "../components/ui/button", "lib/ and emails/ do not import components/"],
  ])("%s may not import %s", async (file, specifier, message) => {
    expect(await importProblems(file, importing(specifier))).toEqual([expect.stringContaining(message)]);
  });

  it.each(["next/headers", "next/navigation", "next", "next-auth", "next-auth/providers/credentials"])("a lib/account use-case may not import %s", async (specifier) => {
    expect(await importProblems("lib/account/anything.ts", importing(specifier))).toEqual([expect.stringContaining("Use-cases are framework-free")]);
  });

  it.each(["@/lib/actions", "../actions"])("a lib/account use-case may not import the action layer's %s", async (specifier) => {
    expect(await importProblems("lib/account/anything.ts", importing(specifier))).toEqual([expect.stringContaining("the action's business")]);
  });

  it.each([
    ["lib/auth/anything.ts", "@/lib/account/register"],
    ["lib/auth/anything.ts", "../account/deps"],
    ["lib/db.ts", "./account/sign-in"],
    ["lib/mail.ts", "@/lib/account"],
    ["components/form/widget.tsx", "@/lib/account/register"],
    ["components/widget.tsx", "../lib/account/profile"],
  ])("%s may not call a use-case (%s): only actions do", async (file, specifier) => {
    expect(await importProblems(file, importing(specifier))).toEqual([expect.stringContaining("Only actions (and Auth.js's sign-in) call lib/account's use-cases")]);
  });

  it.each(["@/lib/db", "../../lib/db"])("a component may not import the database (%s)", async (specifier) => {
    expect(await importProblems("components/form/widget.tsx", importing(specifier))).toEqual([expect.stringContaining("not from the database")]);
  });

  it("lets each layer import the ones below it", async () => {
    expect(await importProblems("app/(auth)/anything.ts", importing("@/lib/account/register"))).toEqual([]);
    expect(await importProblems("lib/account/anything.ts", importing("@/lib/db"))).toEqual([]);
    expect(await importProblems("lib/account/anything.ts", importing("@/lib/auth/tokens"))).toEqual([]);
    expect(await importProblems("components/form/widget.tsx", importing("@/lib/validation/email"))).toEqual([]);
    expect(await importProblems("components/widget.tsx", importing("@/lib/auth/current-user"))).toEqual([]);
    expect(await importProblems("proxy.ts", importing("./lib/db"))).toEqual([]);
    // Auth.js's entry point calls the sign-in use-case, as an action would
    expect(await importProblems("lib/auth/auth.ts", importing("@/lib/account/sign-in"))).toEqual([]);
  });
});

describe("zod in the browser", { timeout: 120_000 }, () => {
  const FULL_ZOD = "full zod is several times larger";

  it.each([
    ['a "use client" form', "app/(auth)/login/login-form.tsx"],
    ["a shared component", "components/form/field.tsx"],
    ["a form's schema", "lib/validation/email.ts"],
    ["a module a client file imports", "lib/auth/password-policy.ts"],
  ])("%s (%s) may not import full zod", async (_kind, file) => {
    expect(await importProblems(file, 'import { z } from "zod";\nexport const s = z.string();\n')).toEqual([expect.stringContaining(FULL_ZOD)]);
    expect(await importProblems(file, 'import type { z } from "zod";\nexport type S = z.ZodString;\n')).toEqual([expect.stringContaining(FULL_ZOD)]);
    expect(await importProblems(file, 'import { z } from "zod/v4";\nexport const s = z.string();\n')).toEqual([expect.stringContaining(FULL_ZOD)]);
  });

  it("lets browser code import zod/mini, and the server full zod", async () => {
    expect(await importProblems("lib/validation/email.ts", 'import * as z from "zod/mini";\nexport const s = z.string();\n')).toEqual([]);
    expect(await importProblems("lib/env.ts", 'import { z } from "zod";\nexport const s = z.string();\n')).toEqual([]);
  });

  it("holds every module the browser gets to the rule", async () => {
    const modules = clientModules();
    expect(modules).toContain("app/(auth)/login/login-form.tsx");
    expect(modules).toContain("lib/validation/sign-in.ts"); // imported only dynamically
    expect(modules).not.toContain("lib/env.ts");
    const uncovered: string[] = [];
    for (const file of modules) {
      const config = (await eslint.calculateConfigForFile(path.join(ROOT, file))) as { rules?: Record<string, unknown> };
      if (!config.rules?.["@typescript-eslint/no-restricted-imports"]) uncovered.push(file);
    }
    expect(uncovered).toEqual([]);
  });
});

describe("valueImports", () => {
  it("finds imports that bring code, and leaves out type-only ones", () => {
    const source = [
      'import type { A } from "a";',
      'import { type B, type C } from "b";',
      'import { type D, e } from "d";',
      'import f from "f";',
      'export { g } from "g";',
      'export type { H } from "h";',
      'import "i";',
      'const j = () => import("j");',
      'import {\n  k,\n  l,\n} from "k";',
    ].join("\n");
    expect(valueImports(source).sort()).toEqual(["d", "f", "g", "i", "j", "k"]);
  });
});
