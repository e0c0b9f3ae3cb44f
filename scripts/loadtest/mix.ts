// The operations the load test drives, and in what proportions. The mix is
// followed exactly rather than drawn at random: a short run at a low
// concurrency still does every operation in its share.

export const OPERATIONS = ["register", "sign-in", "wrong-password"] as const;
export type Operation = (typeof OPERATIONS)[number];

/** Each operation's weight; zero leaves it out. */
export type Mix = Record<Operation, number>;

/** Most people who come sign in; a few register, a few mistype their password. */
export const DEFAULT_MIX: Mix = { register: 1, "sign-in": 4, "wrong-password": 1 };

const isOperation = (name: string): name is Operation => (OPERATIONS as readonly string[]).includes(name);

/** "register:1,sign-in:4" → those weights, the operations not named at 0. Throws a message for people. */
export function parseMix(text: string): Mix {
  const mix: Mix = { register: 0, "sign-in": 0, "wrong-password": 0 };
  for (const part of text.split(",")) {
    const [name = "", weight = "", ...rest] = part.trim().split(":");
    if (!isOperation(name)) throw new Error(`unknown operation "${name}" in --mix (the operations: ${OPERATIONS.join(", ")})`);
    if (rest.length > 0 || !/^\d{1,4}$/.test(weight)) throw new Error(`--mix wants <operation>:<whole number>, not "${part.trim()}"`);
    mix[name] = Number(weight);
  }
  if (OPERATIONS.every((name) => mix[name] === 0)) throw new Error("--mix gives every operation a weight of 0");
  return mix;
}

export function formatMix(mix: Mix): string {
  return OPERATIONS.filter((name) => mix[name] > 0)
    .map((name) => `${name}:${mix[name]}`)
    .join(",");
}

/**
 * The next operation, by smooth weighted round-robin (as nginx balances
 * upstreams): over any run of `total weight` picks each operation comes up
 * exactly its weight's times, spread out rather than in blocks.
 */
export function mixSchedule(mix: Mix): () => Operation {
  const names = OPERATIONS.filter((name) => mix[name] > 0);
  const total = names.reduce((sum, name) => sum + mix[name], 0);
  const current = new Map<Operation, number>(names.map((name) => [name, 0]));
  return () => {
    let best: Operation | undefined;
    for (const name of names) {
      const value = (current.get(name) ?? 0) + mix[name];
      current.set(name, value);
      if (best === undefined || value > (current.get(best) ?? 0)) best = name;
    }
    if (best === undefined) throw new Error("an empty mix");
    current.set(best, (current.get(best) ?? 0) - total);
    return best;
  };
}
