// multipart/form-data bodies, well formed or deliberately not.
import type { Random } from "./prng";
import type { Value } from "./values";

export type Part = { name: Value; value: Value; file?: { filename: Value; type: string } };

export type Multipart = { contentType: string; body: Buffer };

export function multipart(parts: readonly Part[], random: Random, options: { malformed?: boolean } = {}): Multipart {
  const boundary = `----fuzz${random.int(0, 2 ** 31).toString(16)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = part.file
      ? [
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="`),
          Buffer.from(part.name),
          Buffer.from('"; filename="'),
          Buffer.from(part.file.filename),
          Buffer.from(`"\r\nContent-Type: ${part.file.type}\r\n\r\n`),
        ]
      : [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="`), Buffer.from(part.name), Buffer.from('"\r\n\r\n')];
    chunks.push(...disposition, Buffer.from(part.value), Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  const body = Buffer.concat(chunks);
  const contentType = `multipart/form-data; boundary=${boundary}`;
  if (!options.malformed) return { contentType, body };
  switch (random.int(0, 5)) {
    case 0: // cut short, mid-part
      return { contentType, body: body.subarray(0, random.int(0, Math.max(0, body.length - 1))) };
    case 1: // no closing boundary
      return { contentType, body: body.subarray(0, body.length - boundary.length - 6) };
    case 2: // the header names another boundary
      return { contentType: "multipart/form-data; boundary=not-the-one", body };
    case 3: // no boundary at all
      return { contentType: "multipart/form-data", body };
    case 4: // a part with no Content-Disposition
      return { contentType, body: Buffer.concat([Buffer.from(`--${boundary}\r\nX-Nothing: 1\r\n\r\nvalue\r\n`), body]) };
    default: // a header line with no end
      return { contentType, body: Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="a`), body]) };
  }
}
