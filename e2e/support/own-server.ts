// A production server of the spec's own, for tests that must choose its
// settings (an https AUTH_URL, rotated secrets) or restart it with others.
// One verified account is written into its database before it starts, so
// no mail round trip is needed to sign in.
import { createHmac } from "node:crypto";
import bcrypt from "bcryptjs";
import { normalizePassword } from "../../lib/auth/password-policy";
import { createDbClient } from "../../lib/db";
import { createTestDatabase, type DbKind, type TestDatabase } from "../../test/databases";
import { SmtpSink } from "../../test/smtp-sink";
import { newAccount, type TestAccount } from "./accounts";
import { appEnv, sharedSecrets } from "./app-env";
import { freePort, startAppServer, type AppServer } from "./app-server";

export type OwnServer = {
  baseURL: string;
  account: TestAccount;
  /** the settings it runs with now */
  env: Record<string, string>;
  server: AppServer;
  /** stops it and starts it again on the same port and database, with these settings changed */
  restart: (changes: Record<string, string>) => Promise<void>;
  stop: () => Promise<void>;
};

export async function startOwnServer(kind: DbKind, settings: (baseURL: string) => Record<string, string>): Promise<OwnServer> {
  const [sink, database, port] = await Promise.all([SmtpSink.start(), createTestDatabase(kind), freePort()]);
  const baseURL = `http://127.0.0.1:${port}`;
  const secrets = sharedSecrets();
  let env = { ...appEnv({ baseURL, databaseUrl: database.url, mode: "production", smtpUrl: sink.url, secrets }), ...settings(baseURL) };
  const account = newAccount("own-server");
  const cleanUp = () => Promise.all([sink.stop(), database.drop()]);
  try {
    await seedVerifiedAccount(database, account, env.PASSWORD_PEPPER ?? secrets.PASSWORD_PEPPER);
    const own: OwnServer = {
      baseURL,
      account,
      env,
      server: await startAppServer({ mode: "production", port, env }),
      restart: async (changes) => {
        await own.server.stop();
        env = { ...env, ...changes };
        own.env = env;
        own.server = await startAppServer({ mode: "production", port, env });
      },
      stop: async () => {
        await own.server.stop();
        await cleanUp();
      },
    };
    return own;
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/** A confirmed account written straight into the database, at appEnv's BCRYPT_COST. */
export async function seedVerifiedAccount(database: Pick<TestDatabase, "url">, account: TestAccount, pepper: string): Promise<void> {
  const db = createDbClient(database.url);
  try {
    // lib/auth/password-hash.ts's pre-hash (that module is server-only), at appEnv's BCRYPT_COST of 10
    const preHash = createHmac("sha384", pepper).update(normalizePassword(account.password), "utf8").digest("base64");
    const passwordHash = await bcrypt.hash(preHash, 10);
    await db.user.create({ data: { email: account.email, name: account.name, passwordHash, emailVerified: new Date() } });
  } finally {
    await db.$disconnect();
  }
}
