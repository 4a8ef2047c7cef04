/**
 * How the host sends mail: invitations and password resets (core/auth) and plugins' mail (the
 * contact form's notifications). The default transport writes each message to the log, which is
 * the console under `npm start`; a real transport (SMTP, an email API) implements the same one
 * method and is passed to the host, which hands the same one to accounts and to plugins.
 */
import type { Logger } from '../log/index.ts';

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

export interface MailTransport {
  send(message: MailMessage): Promise<void>;
}

export function logMailTransport(log: Logger): MailTransport {
  return {
    async send(message) {
      log.info({ mail: { to: message.to, subject: message.subject } }, `mail to ${message.to}: ${message.subject}\n\n${message.text}\n`);
    },
  };
}
