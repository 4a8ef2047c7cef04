/**
 * The host's half of a domain proof (core/directory/domain-proof.ts): a command on this machine
 * asks the directory for a token and writes it here, and the host then answers
 * http://<domain>/.well-known/guild/<token> for that domain alone, so the directory can check
 * that whoever lists the site (or claims its builder's handle) controls the domain.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Request, Response } from 'express';
import type { HostConfig } from './config.ts';

export const PROOF_PATH = '/.well-known/guild/';
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

function proofsDir(config: Pick<HostConfig, 'dataDir'>): string {
  return path.join(config.dataDir, 'well-known');
}

/** Makes this host serve `token` for `domain` (kept: a later check of the same claim reuses it). */
export async function writeProof(config: Pick<HostConfig, 'dataDir'>, domain: string, token: string): Promise<void> {
  if (!TOKEN.test(token)) throw new Error(`"${token}" is not a domain proof token`);
  await mkdir(proofsDir(config), { recursive: true });
  await writeFile(path.join(proofsDir(config), token), domain.toLowerCase());
}

/** Answers a proof request for `hostname` if it is one; returns false for every other request. */
export async function answerProof(config: Pick<HostConfig, 'dataDir'>, hostname: string, req: Request, res: Response): Promise<boolean> {
  if (req.method !== 'GET' || !req.path.startsWith(PROOF_PATH)) return false;
  const token = req.path.slice(PROOF_PATH.length);
  const file = path.join(proofsDir(config), token);
  const domain = TOKEN.test(token) && existsSync(file) ? await readFile(file, 'utf8') : undefined;
  if (domain !== hostname) res.status(404).type('text').send('No such proof for this domain.');
  else res.type('text').set('Cache-Control', 'no-store').send(token);
  return true;
}
