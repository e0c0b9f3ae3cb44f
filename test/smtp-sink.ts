import { randomUUID } from "node:crypto";
import type { Socket } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";

export type SinkMessage = {
  id: string;
  messageId: string | undefined;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: Map<string, unknown>;
  raw: string;
  receivedAt: Date;
};

export type SinkMode = "accept" | "refuse" | "tempfail";

type Waiter = { predicate: (m: SinkMessage) => boolean; resolve: (m: SinkMessage) => void };

const HOST = "127.0.0.1";
const MAX_SIZE = 5 * 1024 * 1024;

// smtp-server turns err.responseCode into the SMTP reply code.
function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

/** In-process SMTP server for tests: stores every accepted message in `messages`. */
export class SmtpSink {
  messages: SinkMessage[] = [];
  #port: number;
  #mode: SinkMode = "accept";
  #delayMs = 0;
  #server: SMTPServer | undefined;
  readonly #sockets = new Set<Socket>();
  readonly #waiters = new Set<Waiter>();

  private constructor(port: number) {
    this.#port = port;
  }

  static async start(options: { port?: number } = {}): Promise<SmtpSink> {
    const sink = new SmtpSink(options.port ?? 0);
    await sink.#listen();
    return sink;
  }

  get port(): number {
    return this.#port;
  }

  get url(): string {
    return `smtp://${HOST}:${this.#port}`;
  }

  setMode(mode: SinkMode): void {
    this.#mode = mode;
  }

  /**
   * A slow server: each message is answered (and stored) only this long after
   * its data arrives, as a server that scans mail before accepting it would.
   */
  setDelay(ms: number): void {
    this.#delayMs = ms;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // server.close() alone would wait up to closeTimeout for idle clients (e.g. pooled transports).
    for (const socket of this.#sockets) socket.destroy();
    await closed;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.#listen();
  }

  clear(): void {
    this.messages = [];
  }

  messagesTo(address: string): SinkMessage[] {
    const wanted = address.toLowerCase();
    return this.messages.filter((m) => m.to.includes(wanted));
  }

  waitFor(predicate: (m: SinkMessage) => boolean, options: { timeoutMs?: number } = {}): Promise<SinkMessage> {
    const existing = this.messages.find(predicate);
    if (existing) return Promise.resolve(existing);
    const timeoutMs = options.timeoutMs ?? 15_000;
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve: (m) => {
          clearTimeout(timer);
          this.#waiters.delete(waiter);
          resolve(m);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        const received = this.messages.map((m) => `  - "${m.subject}" to ${m.to.join(", ")}`).join("\n");
        reject(new Error(`SmtpSink.waitFor: no matching message within ${timeoutMs} ms; received ${this.messages.length}:` + (received ? `\n${received}` : " (none)")));
      }, timeoutMs);
      this.#waiters.add(waiter);
    });
  }

  #listen(): Promise<void> {
    const server = new SMTPServer({
      logger: false,
      disabledCommands: ["AUTH", "STARTTLS"],
      authOptional: true,
      disableReverseLookup: true,
      size: MAX_SIZE,
      closeTimeout: 1000,
      onConnect: (_session, callback) => callback(this.#modeError()),
      // Checked again here so connections opened before setMode() (pooled transports) see the new mode.
      onMailFrom: (_address, _session, callback) => callback(this.#modeError()),
      onData: (stream, session, callback) => {
        this.#receive(stream, session).then(() => callback(), callback);
      },
    });
    server.server.on("connection", (socket: Socket) => {
      this.#sockets.add(socket);
      socket.once("close", () => this.#sockets.delete(socket));
    });
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.#port, HOST, () => {
        server.off("error", reject);
        // Client-side resets (e.g. sockets destroyed by stop()) must not crash the test process.
        server.on("error", () => undefined);
        const address = server.server.address();
        if (address && typeof address === "object") this.#port = address.port;
        this.#server = server;
        resolve();
      });
    });
  }

  #modeError(): Error | null {
    if (this.#mode === "refuse") return smtpError(554, "5.7.1 Connection refused by test SMTP sink");
    if (this.#mode === "tempfail") return smtpError(421, "4.3.2 Service not available");
    return null;
  }

  async #receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.from(chunk));
    if (stream.sizeExceeded) throw smtpError(552, "5.3.4 Message exceeds fixed maximum message size");
    const raw = Buffer.concat(chunks);
    const parsed = await simpleParser(raw);
    if (this.#delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.#delayMs));
    const message: SinkMessage = {
      id: randomUUID(),
      messageId: parsed.messageId,
      from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
      to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
      subject: parsed.subject ?? "",
      text: parsed.text ?? "",
      html: parsed.html || "",
      headers: parsed.headers,
      raw: raw.toString("utf8"),
      receivedAt: new Date(),
    };
    this.messages.push(message);
    for (const waiter of this.#waiters) {
      if (waiter.predicate(message)) waiter.resolve(message);
    }
  }
}
