// What one bench run is: its length, the machine, and the app settings it
// starts the server with. The bcrypt cost is read through the app's own
// settings parser, so the default (12) and the allowed range stay in one place.
import { randomBytes } from "node:crypto";
import os from "node:os";
import { EnvError, parseEnv } from "../../lib/env";
import { CannotRun } from "./cleanup";

/** The machine and the settings a server on loopback starts with; the bench and the load test alike. */
export type AppSettings = {
  cores: number;
  bcryptCost: number;
  sessionsPerUser: number;
  authSecret: string;
  passwordPepper: string;
};

export type BenchConfig = AppSettings & {
  short: boolean;
  /** how long each measured phase of a scenario runs, in all */
  phaseMs: number;
  /** phases compared with each other alternate this many times, each for phaseMs ÷ rounds */
  rounds: number;
  /** load before each measured phase, not counted: queues fill, code paths warm up */
  warmupMs: number;
};

const FULL = { phaseMs: 20_000, rounds: 3, warmupMs: 2_000 };
const SHORT = { phaseMs: 1_500, rounds: 1, warmupMs: 500 };

export function readBenchConfig(args: readonly string[]): BenchConfig {
  const unknown = args.filter((arg) => arg !== "--short");
  if (unknown.length > 0) throw new CannotRun(`unknown option ${unknown.join(" ")} (the only option is --short)`);
  const short = args.includes("--short");
  return { short, ...(short ? SHORT : FULL), ...readAppSettings() };
}

/** Fresh secrets, and BCRYPT_COST and SESSIONS_PER_USER as this shell sets them or the app's defaults. */
export function readAppSettings(): AppSettings {
  const authSecret = randomBytes(32).toString("base64url");
  const passwordPepper = randomBytes(32).toString("base64url");
  let settings;
  try {
    // secrets passed in, so the parser does not create development ones on disk
    settings = parseEnv({
      BCRYPT_COST: process.env.BCRYPT_COST,
      SESSIONS_PER_USER: process.env.SESSIONS_PER_USER,
      AUTH_SECRET: authSecret,
      PASSWORD_PEPPER: passwordPepper,
    });
  } catch (error) {
    if (error instanceof EnvError) throw new CannotRun(error.message);
    throw error;
  }
  return {
    cores: os.availableParallelism(),
    bcryptCost: settings.bcryptCost,
    sessionsPerUser: settings.session.maxPerUser,
    authSecret,
    passwordPepper,
  };
}
