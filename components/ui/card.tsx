import type { HTMLAttributes } from "react";

/** A raised panel that groups one thing: a profile, a table, a pending change. */
export function Card({ className, ...div }: HTMLAttributes<HTMLDivElement>) {
  return <div className={className ? `card ${className}` : "card"} {...div} />;
}
