"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/profile", label: "Profile" },
  { href: "/profile/edit", label: "Edit profile" },
  { href: "/settings/email", label: "Email" },
  { href: "/settings/password", label: "Password" },
  { href: "/settings/sessions", label: "Sessions" },
  { href: "/settings/activity", label: "Activity" },
  { href: "/settings/delete", label: "Delete account" },
];

/** The signed-in zone's own navigation, shared by every profile and settings page. */
export function AccountNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Account settings" className="account-nav">
      <ul>
        {LINKS.map(({ href, label }) => (
          <li key={href}>
            <Link href={href} aria-current={pathname === href ? "page" : undefined}>
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
