import Link from "next/link";
import type { ButtonHTMLAttributes, ComponentProps } from "react";

export type ButtonVariant = "primary" | "secondary" | "danger";

/** The one look of every button, whether it is a <button> or a link styled as one. */
export function buttonClass(variant: ButtonVariant = "primary"): string {
  return variant === "primary" ? "button" : `button button--${variant}`;
}

/** A button; `type` defaults to "submit", as in HTML, so say "button" for one that only runs script. */
export function Button({ variant, className, ...button }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant }) {
  return <button className={className ? `${buttonClass(variant)} ${className}` : buttonClass(variant)} {...button} />;
}

/** A link that leads to the page's next step, shown as a button. */
export function ButtonLink({ variant, ...link }: ComponentProps<typeof Link> & { variant?: ButtonVariant }) {
  return <Link className={buttonClass(variant)} {...link} />;
}
