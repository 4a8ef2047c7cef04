/**
 * Proof that whoever asks controls a domain: the directory hands out a token, the domain serves
 * it at http://<domain>/.well-known/guild/<token> (a Guild host does so for the sites it serves),
 * and the directory fetches it back before it believes the claim. Tokens are an HMAC under the
 * directory's own key of what is being proved (the purpose, the domain, the handle and for a
 * handle claim the new key), so nothing is stored and a token proves that one thing only.
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { GuildError } from '../errors.ts';

export const PROOF_PATH = '/.well-known/guild/';
const PROOF_TIMEOUT_MS = 5000;
const PROOF_MAX_BYTES = 1024;

export type ProofPurpose = 'site' | 'handle';

export function proofToken(secret: string, purpose: ProofPurpose, ...parts: string[]): string {
  return createHmac('sha256', secret).update([`guild-domain-proof-1:${purpose}`, ...parts].join('\n')).digest('base64url');
}

export function proofUrl(domain: string, token: string): string {
  return `http://${domain}${PROOF_PATH}${token}`;
}

/**
 * Fetches the token from the domain and throws GUILD_ERR_DOMAIN_UNPROVEN unless it is there.
 * `via` ("127.0.0.1:4000") sends the request to that address instead of the domain's own, with
 * the domain as its Host: for tests and for a directory that sits beside the host it checks.
 * No redirect is followed and at most a kilobyte is read: the answer is only ever yes or no.
 */
export async function verifyDomain(domain: string, token: string, via?: string): Promise<void> {
  const url = proofUrl(domain, token);
  const [host, port] = via ? splitHostPort(via) : [domain, 80];
  const answer = await new Promise<string>((resolve, reject) => {
    const request = http.get({ host, port, path: `${PROOF_PATH}${token}`, headers: { host: domain, accept: 'text/plain' }, timeout: PROOF_TIMEOUT_MS }, (response) => {
      if (response.statusCode !== 200) {
        response.resume();
        return reject(new Error(`it answered ${response.statusCode}`));
      }
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
        if (body.length > PROOF_MAX_BYTES) response.destroy(new Error('the answer is too long'));
      });
      response.on('error', reject);
      response.on('end', () => resolve(body));
    });
    request.on('timeout', () => request.destroy(new Error('it did not answer in time')));
    request.on('error', reject);
  }).catch((error: Error) => {
    throw new GuildError('GUILD_ERR_DOMAIN_UNPROVEN', domain, url, error.message);
  });
  if (answer.trim() !== token) throw new GuildError('GUILD_ERR_DOMAIN_UNPROVEN', domain, url, 'it answered with something else');
}

function splitHostPort(value: string): [string, number] {
  const at = value.lastIndexOf(':');
  return at > 0 ? [value.slice(0, at).replace(/^\[|\]$/g, ''), Number(value.slice(at + 1))] : [value, 80];
}
