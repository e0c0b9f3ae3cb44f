// A production server of the spec's own, for tests that must choose its
// settings (an https AUTH_URL, rotated secrets) or restart it with others.
// One verified account is written into its database before it starts, so
// no mail round trip is needed to sign in.
import { createTestDatabase, type DbKind } from "../../test/databases";
import { SmtpSink } from "../../test/smtp-sink";
import { newAccount, type TestAccount } from "./accounts";
import { appEnv, sharedSecrets } from "./app-env";
import { freePort, startAppServer, type AppServer } from "./app-server";
import { seedVerifiedAccounts } from "./seed-accounts";

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
    await seedVerifiedAccounts(database.url, [account], env.PASSWORD_PEPPER ?? secrets.PASSWORD_PEPPER);
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
