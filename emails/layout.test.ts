import { describe, expect, it } from "vitest";
import { escapeHtml, renderEmail, singleLine } from "./layout";

describe("renderEmail", () => {
  const email = renderEmail({
    subject: "Hello\r\nBcc: spy@evil.test",
    heading: `Welcome, <img src=x onerror="alert(1)">`,
    blocks: [{ text: 'Tom & Jerry\'s "quote"' }, { link: "https://app.test/verify?token=a&b=c", label: "Confirm" }],
  });

  it("keeps the subject on one line", () => {
    expect(email.subject).toBe("Hello Bcc: spy@evil.test");
  });

  it("escapes every user value in the HTML part", () => {
    expect(email.html).not.toContain("<img");
    expect(email.html).toContain("Welcome, &lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(email.html).toContain("Tom &amp; Jerry&#39;s &quot;quote&quot;");
    expect(email.html).toContain('href="https://app.test/verify?token=a&amp;b=c"');
  });

  it("has a plain text part with the same words and the full link", () => {
    expect(email.text).toContain(`Welcome, <img src=x onerror="alert(1)">`);
    expect(email.text).toContain("Confirm: https://app.test/verify?token=a&b=c");
  });
});

describe("helpers", () => {
  it("escapeHtml escapes the five HTML-special characters", () => {
    expect(escapeHtml(`<>&"'`)).toBe("&lt;&gt;&amp;&quot;&#39;");
  });
  it("singleLine removes control characters", () => {
    expect(singleLine("a\r\nb\u0000c\td")).toBe("a b c d");
  });
});
