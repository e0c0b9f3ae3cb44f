// Fence 2 (lib/fences.ts): a request's path must decode (percent-escapes of
// UTF-8 only): Next.js decodes it to match routes and their parameters, and
// one that does not decode ends in a 500 there. server.ts answers 400 first.

export function isDecodablePath(url: string): boolean {
  const path = url.split("?")[0] ?? "";
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}
