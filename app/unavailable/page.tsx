import type { Metadata } from "next";
import Link from "next/link";
import { safeCallbackPath } from "@/lib/auth/redirects";
import { UNAVAILABLE_MESSAGE } from "@/lib/auth/unavailable";

export const metadata: Metadata = { title: "Temporarily unavailable" };

type Props = { searchParams: Promise<{ from?: string | string[] }> };

// Reads nothing from the database: it is what people see while the database is away (status 503, set by proxy.ts).
export default async function UnavailablePage({ searchParams }: Props) {
  const { from } = await searchParams;
  return (
    <div className="narrow">
      <h1>Temporarily unavailable</h1>
      <div className="alert" role="alert">
        <p>{UNAVAILABLE_MESSAGE}</p>
      </div>
      <p>
        <Link className="button" href={safeCallbackPath(from)}>
          Try again
        </Link>
      </p>
    </div>
  );
}
