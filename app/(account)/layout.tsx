import type { ReactNode } from "react";
import { AccountNav } from "@/components/account-nav";
import { requireUser } from "@/lib/auth/current-user";

// The real gate of the signed-in zone (proxy.ts only redirects early).
export default async function AccountLayout({ children }: { children: ReactNode }) {
  await requireUser();
  return (
    <div className="account-layout">
      <AccountNav />
      <div className="account-layout__content">{children}</div>
    </div>
  );
}
