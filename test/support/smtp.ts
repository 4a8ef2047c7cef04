/**
 * A real SMTP server on 127.0.0.1 (the smtp-server package) that keeps every message it accepts,
 * for tests of what a person would find in their inbox: envelope, headers and the text.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Received {
  readonly envelopeFrom: string;
  readonly envelopeTo: readonly string[];
  readonly headers: ReadonlyMap<string, string>;
  readonly text: string;
}

export interface Inbox {
  readonly port: number;
  /** smtp:// (or smtps://, trusting the server's self-signed certificate) user:pass@127.0.0.1:port for this server. */
  readonly url: string;
  readonly received: Received[];
  /** The last message to `to`; fails when none came. */
  to(to: string): Received;
  /** The first link in the last message to `to`. */
  link(to: string): URL;
  close(): Promise<void>;
}

export const SMTP_USER = 'guild-mailer';
export const SMTP_PASSWORD = 'pa55-w0rd-never-shown';

/** `secure`: TLS from the first byte (smtps), with smtp-server's own self-signed certificate. */
export async function smtpInbox(options: { secure?: boolean } = {}): Promise<Inbox> {
  const received: Received[] = [];
  const server = new SMTPServer({
    // On loopback: no STARTTLS to a self-signed certificate, and login allowed without TLS.
    secure: options.secure ?? false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) return callback(null, { user: auth.username });
      return callback(new Error(`Invalid login for ${auth.username}`));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const [head = '', ...body] = raw.split('\r\n\r\n');
        received.push({
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          envelopeTo: session.envelope.rcptTo.map((to) => to.address),
          headers: parseHeaders(head),
          text: decodeBody(parseHeaders(head), body.join('\r\n\r\n')),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  const to = (address: string) => {
    const message = received.filter((mail) => mail.envelopeTo.includes(address)).at(-1);
    if (!message) throw new Error(`no mail reached ${address}`);
    return message;
  };
  return {
    port,
    url: options.secure ? `smtps://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${port}/?tls.rejectUnauthorized=false` : `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${port}`,
    received,
    to,
    link(address) {
      const match = /https?:\/\/\S+/.exec(to(address).text);
      if (!match) throw new Error(`the mail to ${address} holds no link`);
      return new URL(match[0]);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function parseHeaders(head: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function decodeBody(headers: ReadonlyMap<string, string>, body: string): string {
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(body, 'base64').toString('utf8');
  if (encoding !== 'quoted-printable') return body.replace(/\r\n/g, '\n');
  const bytes = body.replace(/=\r\n/g, '').replace(/\r\n/g, '\n');
  return Buffer.from(bytes.replace(/=([0-9A-F]{2})/g, (_all, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
}
