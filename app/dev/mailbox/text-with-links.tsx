// A plain-text body with its http(s) URLs as links; React escapes the rest.
import { Fragment } from "react";
import { splitLinks } from "./links";

export function TextWithLinks({ text }: { text: string }) {
  return splitLinks(text).map((part, index) =>
    part.kind === "link" ? (
      <a key={index} href={part.value}>
        {part.value}
      </a>
    ) : (
      <Fragment key={index}>{part.value}</Fragment>
    ),
  );
}
