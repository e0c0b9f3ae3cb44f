// Runs before `npm run dev` and `npm start`: on the embedded database, apply
// pending migrations so a fresh checkout needs no setup. A PostgreSQL server
// is migrated on purpose, with `npm run db:migrate`, once per deployment.
import { spawnSync } from "node:child_process";
import { isEmbeddedUrl } from "../lib/db-adapter";
import { envOrExit } from "../lib/env";

const { databaseUrl } = envOrExit();

if (isEmbeddedUrl(databaseUrl)) {
  const result = spawnSync("npx", ["--no", "prisma", "migrate", "deploy"], {
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  process.exit(result.status ?? 1);
}
