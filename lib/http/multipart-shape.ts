// Fence 7 (lib/fences.ts): a multipart/form-data body laid out as browsers
// write it: the boundary from the header opens the body and closes it, and
// every part starts with header lines, one of them naming the field. The
// Fetch API's parser reads some bodies that Next.js's own (busboy) refuses
// with an error; this refuses them first.

// busboy's rule: a token, a colon, then tab, visible ASCII or bytes 0x80-0xFF (no other control characters)
const HEADER_LINE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+:[\t\x20-\x7e\x80-\xff]*$/;
const DISPOSITION = /^content-disposition:\s*form-data;\s*name="[^"\r\n]*"(;\s*filename="[^"\r\n]*")?\s*$/i;
/**
 * busboy stops reading a part's header at 16 KiB ("Malformed part header", which a JavaScript call
 * answers with 500): measured, a header of 16,383 bytes with its blank line passes, 16,384 fails.
 */
const PART_HEADER_LIMIT_BYTES = 16 * 1024;

export function multipartBoundary(contentType: string): string | null {
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))\s*(;|$)/i.exec(contentType);
  return match?.[1] ?? match?.[2] ?? null;
}

export function isWellFormedMultipart(body: Uint8Array, contentType: string): boolean {
  const boundary = multipartBoundary(contentType);
  if (!boundary) return false;
  const text = Buffer.from(body).toString("latin1");
  const delimiter = `--${boundary}`;
  if (!text.startsWith(`${delimiter}\r\n`)) return false;
  const close = `\r\n${delimiter}--`;
  const end = text.lastIndexOf(close);
  if (end === -1 || !/^(\r\n)?$/.test(text.slice(end + close.length))) return false;
  return text
    .slice(delimiter.length + 2, end)
    .split(`\r\n${delimiter}\r\n`)
    .every((part) => {
      const headEnd = part.indexOf("\r\n\r\n");
      if (headEnd === -1 || headEnd + 4 >= PART_HEADER_LIMIT_BYTES) return false;
      const lines = part.slice(0, headEnd).split("\r\n");
      return lines.every((line) => HEADER_LINE.test(line)) && lines.filter((line) => DISPOSITION.test(line)).length === 1;
    });
}
