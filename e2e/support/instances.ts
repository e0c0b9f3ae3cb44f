// Several production servers on one PostgreSQL database and one SMTP sink,
// as behind a load balancer: what one instance counts or revokes, the other
// must see. Each listens on its own port (and so has its own AUTH_URL).
import { createTestDatabase, type TestDatabase } from "../../test/databases";
import { SmtpSink } from "../../test/smtp-sink";
import { newAccount, type TestAccount } from "./accounts";
import { appEnv, sharedSecrets } from "./app-env";
import { freePort, startAppServer, type AppServer } from "./app-server";
import { seedVerifiedAccounts } from "./seed-accounts";

export type Instances = {
  servers: AppServer[];
  sink: SmtpSink;
  database: TestDatabase;
  /** a confirmed account written into their database (seed-accounts.ts), for specs whose subject is not registration */
  createVerifiedAccount: () => Promise<TestAccount>;
  stop: () => Promise<void>;
};

/** `given` (a fresh copy of the run's template if not given) is dropped by stop(), as is the sink. */
export async function startInstances(count: number, settings: Record<string, string>, given?: TestDatabase): Promise<Instances> {
  const [sink, database] = await Promise.all([SmtpSink.start(), given ?? createTestDatabase("postgres")]);
  const secrets = sharedSecrets();
  const servers: AppServer[] = [];
  const stop = async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await Promise.all([sink.stop(), database.drop()]);
  };
  try {
    for (let i = 0; i < count; i++) {
      const port = await freePort();
      const env = appEnv({ baseURL: `http://127.0.0.1:${port}`, databaseUrl: database.url, mode: "production", smtpUrl: sink.url, secrets });
      servers.push(await startAppServer({ mode: "production", port, env: { ...env, ...settings } }));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const createVerifiedAccount = async () => {
    const account = newAccount("seeded");
    await seedVerifiedAccounts(database.url, [account], secrets.PASSWORD_PEPPER);
    return account;
  };
  return { servers, sink, database, createVerifiedAccount, stop };
}
