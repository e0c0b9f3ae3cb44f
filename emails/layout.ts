// The shared frame of every email: an HTML part that reads well in common
// clients (inline styles, one column, no external resources) and a plain
// text part. User values are escaped here, never by the templates.
import { APP_NAME } from "@/lib/app-name";

export type RenderedEmail = { subject: string; text: string; html: string };

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}

/** Collapses CR/LF and other control characters so a value cannot start a new header or line. */
export function singleLine(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
}

/** A paragraph of text; a link is a call to action shown as a button. */
export type Block = { text: string } | { link: string; label: string };

export function renderEmail(email: { subject: string; heading: string; blocks: Block[]; footer?: string }): RenderedEmail {
  const footer = email.footer ?? `You received this email because of an account at ${APP_NAME}.`;
  const subject = singleLine(email.subject);

  const text = [
    email.heading,
    "",
    ...email.blocks.flatMap((block) => ("link" in block ? [`${block.label}: ${block.link}`, ""] : [block.text, ""])),
    // "-- " with its space is the signature delimiter mail clients recognise
    "-- ",
    footer,
    "",
  ].join("\n");

  const body = email.blocks
    .map((block) =>
      "link" in block
        ? `<p style="margin:24px 0"><a href="${escapeHtml(block.link)}" style="background:#1d4ed8;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600;display:inline-block">${escapeHtml(block.label)}</a></p>` +
          `<p style="margin:0 0 16px;font-size:13px;color:#4b5563">If the button does not work, copy this address into your browser:<br><span style="word-break:break-all">${escapeHtml(block.link)}</span></p>`
        : `<p style="margin:0 0 16px">${escapeHtml(block.text)}</p>`,
    )
    .join("\n");

  // the first paragraph, hidden, is what an inbox shows beside the subject
  const preview = email.blocks.find((block) => "text" in block);
  const preheader = preview && "text" in preview ? `<div style="display:none;max-height:0;overflow:hidden;mso-hide:all">${escapeHtml(preview.text)}</div>\n` : "";

  // designed for a light background: clients that darken mail are asked not to invert it
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="color-scheme" content="light"><meta name="supported-color-schemes" content="light"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background:#f3f4f6;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#111827;line-height:1.5">
${preheader}<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border-radius:8px">
<tr><td style="padding:20px 28px;border-bottom:1px solid #e5e7eb;font-weight:700;font-size:18px">${APP_NAME}</td></tr>
<tr><td style="padding:28px"><h1 style="margin:0 0 16px;font-size:20px">${escapeHtml(email.heading)}</h1>
${body}
</td></tr>
<tr><td style="padding:16px 28px;border-top:1px solid #e5e7eb;font-size:12px;color:#6b7280">${escapeHtml(footer)}</td></tr>
</table></td></tr></table>
</body></html>`;

  return { subject, text, html };
}
