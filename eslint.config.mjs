import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import { defineConfig, globalIgnores } from "eslint/config";
import { clientModules } from "./lint/client-modules.mjs";

// ---- House rules for imports (test/house-rules.test.ts shows each one refusing a violation) ----
// The layers: a route → its action → a lib/account use-case → lib/db, lib/mail, lib/auth.
// Nothing imports from a layer above its own.
const NOT_APP = {
  regex: "^(@/|(\\.{1,2}/)+)app/",
  message: "Only app/ imports from app/: routes and actions sit on top of every other layer.",
};
const NOT_COMPONENTS = {
  regex: "^(@/|(\\.{1,2}/)+)components/",
  message: "lib/ and emails/ do not import components/: user interface sits above them.",
};
const NOT_USE_CASES = {
  regex: "^(@/lib/|(\\.{1,2}/)+(lib/)?)account(/|$)",
  message: "Only actions (and Auth.js's sign-in) call lib/account's use-cases; they call lib/db, lib/mail and lib/auth, not the other way round.",
};
const NOT_DATABASE = {
  regex: "^(@/lib/|(\\.{1,2}/)+(lib/)?)db$",
  message: "Components get their data from their page or an action, not from the database.",
};
const NOT_FRAMEWORK = {
  group: ["next", "next/*", "next-auth", "next-auth/*"],
  message: "Use-cases are framework-free: plain inputs in, plain results out; the action deals with Next.js.",
};
const NOT_ACTIONS = {
  regex: "^(@/lib/|(\\.{1,2}/)+)actions$",
  message: "Use-cases return plain outcomes; ActionResult and the action wrappers are the action's business.",
};

/** One `no-restricted-imports` setting: where several apply to a file, the last replaces the others, so each lists them all. */
const restrict = (files, patterns, ignores = []) => ({
  files,
  ignores,
  rules: { "no-restricted-imports": ["error", { patterns }] },
});

// The browser gets zod's small build (zod/mini); full zod is for the server. A second rule name,
// so that this list adds to the layers' list above rather than replacing it.
const BROWSER_CODE = ["components/**", "lib/validation/**", ...clientModules().map((file) => file.replace(/[()[\]{}*?!+@]/g, "\\$&"))];
const FULL_ZOD_IN_BROWSER = {
  files: BROWSER_CODE,
  rules: {
    "@typescript-eslint/no-restricted-imports": [
      "error",
      {
        paths: [{ name: "zod", message: 'Browser code imports "zod/mini": full zod is several times larger.' }],
        patterns: [{ regex: "^zod/(v4|v4/classic|v3)$", message: 'Browser code imports "zod/mini": full zod is several times larger.' }],
      },
    ],
  },
};

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      // user text is rendered as text, never as HTML
      "react/no-danger": "error",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/ban-ts-comment": "error",
      // tokens and anything secret come from node:crypto
      "no-restricted-properties": ["error", { object: "Math", property: "random", message: "Use node:crypto for randomness." }],
    },
  },
  restrict(["components/**"], [NOT_APP, NOT_USE_CASES, NOT_DATABASE]),
  restrict(["proxy.ts"], [NOT_APP]),
  restrict(["lib/**", "emails/**"], [NOT_APP, NOT_COMPONENTS]),
  // lib/auth/auth.ts is Auth.js's entry point: its sign-in calls the use-case, as an action would
  restrict(["lib/auth/**", "lib/db.ts", "lib/db-adapter.ts", "lib/mail.ts", "lib/mail-worker.ts"], [NOT_APP, NOT_COMPONENTS, NOT_USE_CASES], ["lib/auth/auth.ts", "**/*.test.ts"]),
  restrict(["lib/account/**"], [NOT_APP, NOT_COMPONENTS, NOT_FRAMEWORK, NOT_ACTIONS]),
  FULL_ZOD_IN_BROWSER,
  {
    // Playwright fixtures call `use()`, which is not React's hook
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  globalIgnores([".next/**", "node_modules/**", "lib/generated/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
]);
