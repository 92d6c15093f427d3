import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type SmtpCatcher = {
  url: string;
  /** Every message accepted so far, parsed by mailparser. */
  messages: ParsedMail[];
  /** Addresses answered with 550 at RCPT TO, as a real server refuses an unknown mailbox. */
  refuse: Set<string>;
  /** Resolves with the next message to `to` (or one already there that `since` did not count). */
  waitFor(to: string, options?: { since?: number; timeoutMs?: number }): Promise<ParsedMail>;
  stop(): Promise<void>;
};

const recipients = (mail: ParsedMail) => [mail.to ?? []].flat().flatMap((to) => to.value.map((address) => address.address?.toLowerCase()));

/** A real SMTP server (the smtp-server package) in the test process, on a free or given port. */
export async function startSmtpCatcher(port = 0): Promise<SmtpCatcher> {
  const messages: ParsedMail[] = [];
  const refuse = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refuse.has(address.address.toLowerCase())) return callback(Object.assign(new Error("5.1.1 Mailbox unavailable"), { responseCode: 550 }));
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        messages.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: bound } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${bound}`,
    messages,
    refuse,
    async waitFor(to, { since = 0, timeoutMs = 10_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.slice(since).find((mail) => recipients(mail).includes(to.toLowerCase()));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`No email to ${to} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
