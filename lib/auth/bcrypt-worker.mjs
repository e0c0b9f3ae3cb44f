// Runs inside the hashing pool's worker threads (lib/auth/hash-pool.ts): the
// only place bcrypt ever executes, so a hash never blocks the server's event
// loop. Plain JavaScript, loaded by path, outside Next.js's bundles.
import bcrypt from "bcryptjs";

/** @param {{ op: "hash", input: string, cost: number } | { op: "compare", input: string, hash: string }} task */
export default function run(task) {
  return task.op === "hash" ? bcrypt.hashSync(task.input, task.cost) : bcrypt.compareSync(task.input, task.hash);
}
