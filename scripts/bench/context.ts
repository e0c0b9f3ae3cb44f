// What every scenario gets: the run's settings, the running app, the seeded
// accounts and the bcrypt yardstick measured before the server started.
import type { Yardstick } from "./bcrypt-yardstick";
import type { BenchServer } from "./bench-app";
import type { BenchConfig } from "./config";
import type { SeededUsers } from "./seed-users";

export type BenchContext = { config: BenchConfig; server: BenchServer; users: SeededUsers; yardstick: Yardstick };

export const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
