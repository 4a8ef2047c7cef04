/**
 * Helpers for admin tests: accounts made straight in the host database, a logged-in supertest
 * agent that sends the CSRF token, and a mail transport that keeps what it was asked to send.
 */
import request from 'supertest';
import type { Role } from '../../core/auth/index.ts';
import type { MailMessage, MailTransport } from '../../core/mail/index.ts';
import type { Host } from '../../core/host/index.ts';

export const PASSWORD = 'correct horse battery';

export async function member(host: Host, site: string, email: string, role: Role, password = PASSWORD): Promise<number> {
  const { account } = await host.auth.grant({ site, email, role, password });
  return account.id;
}

export interface Client {
  readonly agent: ReturnType<typeof request.agent>;
  readonly csrf: string;
  readonly host: string;
  get(path: string): request.Test;
  post(path: string, body?: object): request.Test;
  put(path: string, body?: object): request.Test;
  delete(path: string): request.Test;
}

/**
 * The admin host name of the site at `hostname` ("alpha.localhost" → "alpha.admin.localhost"):
 * the admin answers only on its own origin. A name that is no site's public name is kept as it is.
 */
export function adminHostOf(host: Host, hostname: string): string {
  const slug = host.registry.find(hostname)?.slug ?? host.addresses.siteSlugOf(hostname);
  return slug ? `${slug}.${host.addresses.adminHost}` : hostname;
}

/**
 * Logs in to the admin of the site at `hostname` (a public name such as "alpha.localhost": the
 * agent talks to that site's admin origin) and returns an agent that keeps the cookie and sends
 * the CSRF token; `host` on the result is the admin's host name.
 */
export async function logIn(host: Host, publicName: string, email: string, password = PASSWORD): Promise<Client> {
  const hostname = adminHostOf(host, publicName);
  const agent = request.agent(host.app);
  const response = await agent.post('/admin/api/session').set('Host', hostname).send({ email, password });
  if (response.status !== 200) throw new Error(`login as ${email} failed: ${response.status} ${JSON.stringify(response.body)}`);
  const csrf = response.body.csrfToken as string;
  return {
    agent,
    csrf,
    host: hostname,
    get: (path) => agent.get(path).set('Host', hostname),
    post: (path, body) => agent.post(path).set('Host', hostname).set('X-CSRF-Token', csrf).send(body ?? {}),
    put: (path, body) => agent.put(path).set('Host', hostname).set('X-CSRF-Token', csrf).send(body ?? {}),
    delete: (path) => agent.delete(path).set('Host', hostname).set('X-CSRF-Token', csrf),
  };
}

/** An owner, an editor and an author of a site (owner@<site>.test ...), each logged in on <site>.localhost. */
export async function team(host: Host, site: string): Promise<{ owner: Client; editor: Client; author: Client }> {
  const clients: Record<string, Client> = {};
  for (const role of ['owner', 'editor', 'author'] as const) {
    await member(host, site, `${role}@${site}.test`, role);
    clients[role] = await logIn(host, `${site}.localhost`, `${role}@${site}.test`);
  }
  return clients as { owner: Client; editor: Client; author: Client };
}

export function mailbox(): MailTransport & { readonly sent: MailMessage[]; link(to: string): string } {
  const sent: MailMessage[] = [];
  return {
    sent,
    async send(message) {
      sent.push(message);
    },
    link(to) {
      const message = sent.filter((mail) => mail.to === to).at(-1);
      const match = message && /https?:\/\/\S+/.exec(message.text);
      if (!match) throw new Error(`no link was mailed to ${to}`);
      return new URL(match[0]).pathname;
    },
  };
}
