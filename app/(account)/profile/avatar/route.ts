// The signed-in person's own avatar. The URL carries a hash of the content
// (lib/account/profile.ts), so a browser may keep it for good.
import { findAvatar } from "@/lib/account/profile";
import { currentUserIfKnown } from "@/lib/auth/current-user";
import { UNAVAILABLE_RETRY_SECONDS } from "@/lib/auth/unavailable";
import { db } from "@/lib/db";
import { IMAGE_POLICY } from "@/lib/http/security-headers";

export async function GET(): Promise<Response> {
  const user = await currentUserIfKnown();
  if (user === undefined) return new Response(null, { status: 503, headers: { "Retry-After": String(UNAVAILABLE_RETRY_SECONDS) } });
  if (!user) return new Response(null, { status: 401 });
  const avatar = await findAvatar(db, user.id);
  if (!avatar) return new Response(null, { status: 404, headers: { "Cache-Control": "no-store" } });
  return new Response(new Uint8Array(avatar.data), {
    headers: {
      "Content-Type": avatar.contentType,
      "Cache-Control": "private, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      // proxy.ts keeps this one instead of the page policy (ownPolicy)
      "Content-Security-Policy": IMAGE_POLICY,
    },
  });
}
