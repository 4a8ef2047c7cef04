/**
 * How the host sends mail: invitations and password resets (core/auth) and plugins' mail (the
 * contact form's notifications). Every sender goes through one `MailTransport`: by default each
 * message is written to the log (the console under `npm start`); with GUILD_SMTP_URL set it goes
 * out over SMTP (smtp.ts). The host picks one and hands the same one to accounts and to plugins.
 */
import type { Logger } from '../log/index.ts';
import { GuildError } from '../errors.ts';
import { redactSmtpUrl, smtpMailTransport } from './smtp.ts';

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** The sender, "hello@acme.example" or "Acme <hello@acme.example>"; the site's mail.from, else the host's. */
  readonly from?: string;
}

export interface MailTransport {
  /** Resolves once the message is handed on; rejects with GUILD_ERR_MAIL_FAILED (no credentials in it) when it cannot be. */
  send(message: MailMessage): Promise<void>;
}

export function logMailTransport(log: Logger): MailTransport {
  return {
    async send(message) {
      log.info({ mail: { to: message.to, subject: message.subject } }, `mail to ${message.to}: ${message.subject}\n\n${message.text}\n`);
    },
  };
}

/** The host's transport: SMTP when a URL is set, the log otherwise. */
export function hostMailTransport(settings: { readonly smtpUrl: string | undefined; readonly mailFrom: string }, log: Logger): MailTransport {
  if (!settings.smtpUrl) return logMailTransport(log);
  let protocol: string;
  try {
    protocol = new URL(settings.smtpUrl).protocol;
  } catch {
    throw new GuildError('GUILD_ERR_SMTP_URL', 'is not a URL');
  }
  if (protocol !== 'smtp:' && protocol !== 'smtps:') throw new GuildError('GUILD_ERR_SMTP_URL', `starts with "${protocol}//"; it must be smtp:// or smtps://`);
  return smtpMailTransport(settings.smtpUrl, { from: settings.mailFrom, log });
}

/** A transport that sends as `from` unless the message names its own sender: one site's mail. */
export function sendingAs(transport: MailTransport, from: () => string | undefined): MailTransport {
  return {
    send: (message) => {
      const sender = message.from ?? from();
      return transport.send(sender ? { ...message, from: sender } : message);
    },
  };
}

/** Where the host's mail goes, for the start-up banner: never the credentials. */
export function describeMailSetting(smtpUrl: string | undefined): string {
  return smtpUrl ? `sent through ${redactSmtpUrl(smtpUrl)}` : 'written to the log only (set GUILD_SMTP_URL to send real mail)';
}
