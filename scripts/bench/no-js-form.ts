// Submitting a server-action form the way a browser with JavaScript turned
// off does: Next.js renders the action's identity into hidden fields
// ($ACTION_REF_…, $ACTION_…:n, $ACTION_KEY); posting them back with the
// visible fields runs the action and answers with a full page or a redirect.
import { send, type Answer } from "./http";

const ENTITIES: Record<string, string> = { quot: '"', amp: "&", lt: "<", gt: ">", "#39": "'", "#x27": "'" };

export function decodeEntities(text: string): string {
  return text.replace(/&(quot|amp|lt|gt|#39|#x27);/g, (_, name: string) => ENTITIES[name] ?? "");
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match?.[1] === undefined ? undefined : decodeEntities(match[1]);
}

/** The hidden fields of the page's first server-action form. */
export function actionFormFields(html: string): Map<string, string> {
  const form = /<form\b[^>]*>([\s\S]*?)<\/form>/g;
  for (let match = form.exec(html); match; match = form.exec(html)) {
    const fields = new Map<string, string>();
    for (const input of match[1]?.match(/<input\b[^>]*>/g) ?? []) {
      const name = attribute(input, "name");
      if (attribute(input, "type") === "hidden" && name) fields.set(name, attribute(input, "value") ?? "");
    }
    if ([...fields.keys()].some((name) => name.startsWith("$ACTION_"))) return fields;
  }
  throw new Error("no server-action form on the page");
}

/** GET the page, then POST its form as multipart data with the given visible fields. Returns the POST's answer. */
export async function submitWithoutJavaScript(pageUrl: string, visible: Record<string, string>): Promise<Answer> {
  const page = await send(pageUrl);
  if (page.status !== 200) throw new Error(`GET ${new URL(pageUrl).pathname}: HTTP ${page.status}`);
  const form = new FormData();
  for (const [name, value] of actionFormFields(page.body)) form.append(name, value);
  for (const [name, value] of Object.entries(visible)) form.append(name, value);
  // a browser sends its origin with every form post; Next.js compares it with the host
  return send(pageUrl, { method: "POST", body: form, headers: { origin: new URL(pageUrl).origin } });
}
