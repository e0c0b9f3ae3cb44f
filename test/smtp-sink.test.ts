import nodemailer from "nodemailer";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SmtpSink } from "./smtp-sink";

let sink: SmtpSink;

beforeEach(async () => {
  sink = await SmtpSink.start();
});

afterEach(async () => {
  await sink.stop();
});

function send(to: string | string[], subject: string, body: { text?: string; html?: string } = { text: "hello" }) {
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port: sink.port,
    secure: false,
    ignoreTLS: true,
    connectionTimeout: 2000,
    greetingTimeout: 2000,
    socketTimeout: 2000,
  });
  return transport.sendMail({ from: "App <noreply@example.test>", to, subject, ...body });
}

async function sendError(promise: Promise<unknown>): Promise<{ code?: string; responseCode?: number }> {
  try {
    await promise;
  } catch (err) {
    return err as { code?: string; responseCode?: number };
  }
  throw new Error("expected sending to fail");
}

describe("SmtpSink", () => {
  it("listens on a random loopback port", () => {
    expect(sink.port).toBeGreaterThan(0);
    expect(sink.url).toBe(`smtp://127.0.0.1:${sink.port}`);
  });

  it("stores a message with text and html parts and envelope recipients", async () => {
    await send(["Alice@Example.test", "bob@example.test"], "Welcome", {
      text: "Plain body",
      html: "<p>HTML <b>body</b></p>",
    });

    expect(sink.messages).toHaveLength(1);
    const [message] = sink.messages;
    expect(message).toMatchObject({
      subject: "Welcome",
      from: "noreply@example.test",
      to: ["alice@example.test", "bob@example.test"],
      text: "Plain body",
      html: "<p>HTML <b>body</b></p>",
    });
    expect(message?.messageId).toMatch(/^<.+@.+>$/);
    expect(message?.headers.get("subject")).toBe("Welcome");
    expect(message?.raw).toContain("Subject: Welcome");
    expect(sink.messagesTo("ALICE@example.test")).toHaveLength(1);
    expect(sink.messagesTo("carol@example.test")).toHaveLength(0);

    sink.clear();
    expect(sink.messages).toHaveLength(0);
  });

  it("stores an empty string for html when the message has no html part", async () => {
    await send("a@example.test", "Text only", { text: "just text" });
    expect(sink.messages[0]?.html).toBe("");
  });

  it("waitFor resolves with an already received message", async () => {
    await send("a@example.test", "First");
    const message = await sink.waitFor((m) => m.subject === "First", { timeoutMs: 500 });
    expect(message.to).toEqual(["a@example.test"]);
  });

  it("waitFor resolves for a message that arrives later", async () => {
    const waiting = sink.waitFor((m) => m.subject === "Later", { timeoutMs: 5000 });
    await send("a@example.test", "Other");
    await send("b@example.test", "Later");
    await expect(waiting).resolves.toMatchObject({ subject: "Later", to: ["b@example.test"] });
  });

  it("waitFor rejects on timeout listing what was received", async () => {
    await send("a@example.test", "Something else");
    const error = await sink.waitFor((m) => m.subject === "Never", { timeoutMs: 200 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/no matching message within 200 ms/);
    expect((error as Error).message).toContain('"Something else" to a@example.test');
  });

  it("tempfail mode answers 421 and stores nothing", async () => {
    sink.setMode("tempfail");
    const error = await sendError(send("a@example.test", "Deferred"));
    expect(error.responseCode).toBe(421);
    expect(sink.messages).toHaveLength(0);

    sink.setMode("accept");
    await send("a@example.test", "Delivered");
    expect(sink.messages.map((m) => m.subject)).toEqual(["Delivered"]);
  });

  it("refuse mode rejects the connection with 554", async () => {
    sink.setMode("refuse");
    const error = await sendError(send("a@example.test", "Refused"));
    expect(error.responseCode).toBe(554);
    expect(sink.messages).toHaveLength(0);
  });

  it("fails with a connection error after stop() and works again after restart() on the same port", async () => {
    const port = sink.port;
    await sink.stop();
    const error = await sendError(send("a@example.test", "While down"));
    expect(error.code).toMatch(/^(ESOCKET|ECONNECTION)$/);
    expect(error.responseCode).toBeUndefined();

    await sink.restart();
    expect(sink.port).toBe(port);
    await send("a@example.test", "Back up");
    expect(sink.messages.map((m) => m.subject)).toEqual(["Back up"]);
  });

  it("stop() does not wait for idle pooled connections", async () => {
    const pool = nodemailer.createTransport({ host: "127.0.0.1", port: sink.port, pool: true, ignoreTLS: true });
    await pool.sendMail({ from: "a@example.test", to: "b@example.test", subject: "Pooled", text: "x" });
    const started = Date.now();
    await sink.stop();
    expect(Date.now() - started).toBeLessThan(500);
    pool.close();
  });
});
