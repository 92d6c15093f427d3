import nodemailer from "nodemailer";
import { readEnv } from "../env";
import { AppError } from "../errors";

export type MailMessage = { to: string; subject: string; text: string; html: string; headers?: Record<string, string> };

/** Sends email; one SMTP connection per message, so one refused recipient cannot break another's. */
export type Mailer = { send(message: MailMessage): Promise<void>; close(): void };

/** This server has no SMTP_URL: said to the person instead of failing somewhere deeper. */
export class MailNotConfiguredError extends AppError {
  constructor() {
    super("This server sends no email (its admin has not set SMTP_URL), so subscriptions are off.", 503);
  }
}

/**
 * Nodemailer over SMTP: the well-kept library for the protocol (STARTTLS when the server offers
 * it, AUTH from the URL's user and password, RFC 5322 headers and MIME for the two bodies).
 * Timeouts keep a dead mail server from holding a request or a digest run for minutes.
 */
export function createMailer(options: { smtpUrl: string; from: string }): Mailer {
  const transport = nodemailer.createTransport({
    url: options.smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(message) {
      await transport.sendMail({ ...message, from: options.from });
    },
    close: () => transport.close(),
  };
}

/** Whether this server can send email (SMTP_URL is set): subscriptions are offered only then. */
export const sendsEmail = (): boolean => Boolean(readEnv().SMTP_URL);

/** The mailer SMTP_URL and MAIL_FROM describe; throws MailNotConfiguredError without SMTP_URL. */
export function mailerFromEnv(): Mailer {
  const { SMTP_URL, MAIL_FROM } = readEnv();
  if (!SMTP_URL) throw new MailNotConfiguredError();
  return createMailer({ smtpUrl: SMTP_URL, from: MAIL_FROM });
}
