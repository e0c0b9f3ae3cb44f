import type { ReactNode } from "react";
import { Card } from "./card";

/**
 * A table in a card that scrolls sideways when the screen is narrower than
 * the table. A keyboard can scroll it only if it can take focus, so it is a
 * named region in the tab order.
 */
export function TableCard({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Card className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </Card>
  );
}
