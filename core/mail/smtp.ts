/**
 * Mail over SMTP with nodemailer, from a connection URL: `smtp://user:pass@host:587` (STARTTLS
 * when the server offers it) or `smtps://user:pass@host:465` (TLS from the first byte). A send
 * that fails is logged with the server's reason and rejected with GUILD_ERR_MAIL_FAILED, whose
 * message names the server by host and port only: the user name and password never reach a log
 * line or a person.
 */
import nodemailer from 'nodemailer';
import { GuildError, describeError } from '../errors.ts';
import type { Logger } from '../log/index.ts';
import type { MailTransport } from './index.ts';

/** Long enough for a slow server, short enough that an admin request does not hang for minutes. */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

export function smtpMailTransport(url: string, options: { readonly from: string; readonly log: Logger }): MailTransport {
  const server = redactSmtpUrl(url);
  const secrets = credentialsOf(url);
  const transport = nodemailer.createTransport({ url, ...TIMEOUTS });
  return {
    async send(message) {
      try {
        await transport.sendMail({ from: message.from ?? options.from, to: message.to, subject: message.subject, text: message.text });
      } catch (error) {
        const reason = scrub(describeError(error), secrets);
        options.log.error({ mail: { to: message.to, subject: message.subject, server } }, `mail to ${message.to} could not be sent through ${server}: ${reason}`);
        throw new GuildError('GUILD_ERR_MAIL_FAILED', message.to, reason);
      }
    },
  };
}

/** The URL without its user name and password: "smtps://mail.example:465". */
export function redactSmtpUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return 'an SMTP server (GUILD_SMTP_URL is not a valid URL)';
  }
}

function credentialsOf(url: string): string[] {
  try {
    const { username, password } = new URL(url);
    return [username, password, decodeURIComponent(username), decodeURIComponent(password)].filter((secret) => secret.length >= 3);
  } catch {
    return [url];
  }
}

/** Servers sometimes echo the login they refused; it goes no further than here. */
function scrub(text: string, secrets: readonly string[]): string {
  return secrets.reduce((clean, secret) => clean.split(secret).join('***'), text);
}
