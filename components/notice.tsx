import type { ReactNode } from "react";

/** A success or status message that screen readers announce when it appears. */
export function Notice({ children }: { children: ReactNode }) {
  return (
    <div className="alert" role="status">
      <p>{children}</p>
    </div>
  );
}
