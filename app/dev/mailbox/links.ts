// Splits a plain-text body into text and http(s) links, so the message page
// can make links clickable while React escapes everything else.
export type TextPart = { kind: "text" | "link"; value: string };

const URL_PATTERN = /https?:\/\/[^\s<>"'`]+/g;
// punctuation that usually ends the sentence around a URL, not the URL
const TRAILING_PUNCTUATION = /[.,;:!?)\]}]+$/;

export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let position = 0;
  const push = (kind: TextPart["kind"], value: string) => {
    if (value !== "") parts.push({ kind, value });
  };
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0].replace(TRAILING_PUNCTUATION, "");
    if (/^https?:\/\/$/.test(url)) continue; // a scheme with nothing after it stays text
    push("text", text.slice(position, match.index));
    push("link", url);
    position = match.index + url.length;
  }
  push("text", text.slice(position));
  return parts;
}
