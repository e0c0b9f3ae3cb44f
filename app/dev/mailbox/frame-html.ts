// Prepares an email's HTML part for the sandboxed iframe on the message page.
// Links must open in a new tab: inside the frame they would load the app into
// it (or be refused, if the app forbids framing), and the sandbox lets the new
// tab escape it (allow-popups-to-escape-sandbox), so a person can follow a
// verification link as from a real mail client.
const BASE = '<base target="_blank">';

export function frameHtml(html: string): string {
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (!head) return `${BASE}${html}`;
  const end = head.index + head[0].length;
  return `${html.slice(0, end)}${BASE}${html.slice(end)}`;
}
