import nodemailer, { type Transporter } from 'nodemailer';

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface Mail {
  to: readonly string[];
  subject: string;
  text: string;
  html: string;
  attachments: readonly MailAttachment[];
}

/** What sends an e-mail: nodemailer over SMTP in the API; anything with this shape in a test. */
export interface MailSender {
  send(mail: Mail): Promise<void>;
  close(): void;
}

/**
 * SMTP through nodemailer (KPI_SMTP_URL, KPI_MAIL_FROM), with short timeouts: a slow or silent server fails the
 * attempt (retried later), it never holds a delivery, and never a request.
 */
export class SmtpMailer implements MailSender {
  private readonly transport: Transporter;
  constructor(url: string, private readonly from: string, timeoutMs = 15_000) {
    this.transport = nodemailer.createTransport({
      url,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    });
  }

  async send(mail: Mail): Promise<void> {
    await this.transport.sendMail({
      from: this.from,
      to: [...mail.to],
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      attachments: mail.attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
    });
  }

  close(): void {
    this.transport.close();
  }
}

/** Without KPI_SMTP_URL: every e-mail fails with that reason (recorded on the delivery, visible in the UI). */
export const NO_SMTP: MailSender = {
  send: () => Promise.reject(new Error('KPI_SMTP_URL is not set: no e-mail can be sent')),
  close: () => undefined,
};
