import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { simpleParser } from "mailparser";
import { afterAll, describe, expect, it } from "vitest";
import { createMailTransport } from "./mail";

describe("the local mailbox transport (no SMTP_URL)", () => {
  const mailboxDir = fs.mkdtempSync(path.join(os.tmpdir(), "mailbox-test-"));
  afterAll(() => fs.rmSync(mailboxDir, { recursive: true, force: true }));

  it("writes each message as an .eml file with both parts", async () => {
    const transport = createMailTransport({ smtpUrl: undefined, mailboxDir: path.join(mailboxDir, "new") });
    const { messageId } = await transport.send({
      from: "Accounts <no-reply@localhost>",
      to: "ada@example.test",
      subject: "Hi",
      text: "plain words",
      html: "<p>html words</p>",
    });
    const files = fs.readdirSync(path.join(mailboxDir, "new"));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^\d+-[0-9a-f-]{36}\.eml$/);
    const parsed = await simpleParser(fs.readFileSync(path.join(mailboxDir, "new", files[0] ?? "")));
    expect(parsed.messageId).toBe(messageId);
    expect(parsed.subject).toBe("Hi");
    expect(parsed.text?.trim()).toBe("plain words");
    expect(parsed.html).toContain("<p>html words</p>");
  });
});
