/** The person's picture, or their initials on a coloured disc when there is none. */
export function Avatar({ name, email, image, size = 96 }: { name: string | null; email: string; image: string | null; size?: number }) {
  const style = { width: size, height: size, fontSize: size * 0.4 };
  if (image) {
    // the stored image is already a small square; the optimiser would only add a copy
    // eslint-disable-next-line @next/next/no-img-element
    return <img className="avatar" src={image} alt="Your profile picture" width={size} height={size} />;
  }
  return (
    <span className="avatar avatar--initials" style={style} role="img" aria-label="No profile picture">
      <span aria-hidden="true">{initials(name, email)}</span>
    </span>
  );
}

export function initials(name: string | null, email: string): string {
  const words = (name ?? "").trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words.at(-1)] : words.length === 1 ? [words[0]] : [email];
  return letters.map((word) => Array.from(word ?? "")[0]?.toLocaleUpperCase("en") ?? "").join("") || "?";
}
