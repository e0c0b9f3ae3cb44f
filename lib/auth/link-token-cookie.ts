import "server-only";
// The token a link page's browser brought, read from the cookie proxy.ts put
// it in, and forgotten once it is spent.
import { cookies } from "next/headers";
import { LINK_PAGES, type LinkPage } from "./link-pages";
import { isLinkToken } from "./tokens";

/** The token this browser brought to a link page, if it looks like one of ours. */
export async function linkTokenFromCookie(page: LinkPage): Promise<string | undefined> {
  const value = (await cookies()).get(LINK_PAGES[page])?.value;
  return value && isLinkToken(value) ? value : undefined;
}

/** Once a token is spent (or refused for good), this browser forgets it. */
export async function forgetLinkToken(page: LinkPage): Promise<void> {
  (await cookies()).delete({ name: LINK_PAGES[page], path: page });
}
