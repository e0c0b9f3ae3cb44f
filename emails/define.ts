import type { z } from "zod";
import type { TokenPurpose } from "@/lib/generated/prisma/enums";
import type { RenderedEmail } from "./layout";

export type EmailContext = {
  appUrl: string;
  /** the single-use link, present when the template declares `link` */
  link?: string;
};

/**
 * An email template. `data` validates what the outbox stores for it (no
 * secrets); `link` asks the mail worker for a fresh single-use token, created
 * only when the message is rendered, so no token ever waits in the outbox.
 */
export type EmailTemplate<Data extends z.ZodType> = {
  data: Data;
  link?: { purpose: TokenPurpose; path: string; ttlMs: number };
  // method syntax: any template can be handled as an EmailTemplate<z.ZodType>
  render(data: z.output<Data>, context: EmailContext): RenderedEmail;
};

export function defineEmail<Data extends z.ZodType>(template: EmailTemplate<Data>): EmailTemplate<Data> {
  return template;
}

/** For templates with a `link`: the worker always provides it. */
export function requireLink(context: EmailContext): string {
  if (!context.link) throw new Error("this template needs a link; declare `link` in its definition");
  return context.link;
}
