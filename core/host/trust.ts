/**
 * The directories whose licences this host accepts, by public key. The embedded directory is
 * trusted as it is this host's own; another directory is trusted the first time a package is
 * installed from it (its key is written to <packages>/trusted-directories.json), and a directory
 * whose key later changes is refused until the operator removes the old line on purpose.
 */
import { readFileSync, statSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GuildError } from '../errors.ts';
import { publicKeyOf } from '../signing/index.ts';
import type { HostConfig } from './config.ts';

type TrustConfig = Pick<HostConfig, 'packagesDir' | 'directoryEmbedded' | 'directoryDataDir'>;

function trustFile(config: TrustConfig): string {
  return path.join(config.packagesDir, 'trusted-directories.json');
}

function trusted(config: TrustConfig): Record<string, string> {
  const text = currentText(trustFile(config));
  if (text === undefined) return {};
  try {
    return JSON.parse(text) as Record<string, string>;
  } catch {
    return {}; // a damaged file trusts nothing; licences then fail with a message naming trust
  }
}

/** Every public key whose licences this host accepts, as the files say now (so a new one counts at once). */
export function trustedDirectoryKeys(config: TrustConfig): string[] {
  const keys = new Set(Object.values(trusted(config)));
  const embedded = config.directoryEmbedded ? currentText(path.join(config.directoryDataDir, 'directory-key.pem')) : undefined;
  if (embedded !== undefined) keys.add(embeddedPublicKey(embedded));
  return [...keys];
}

// Every site open asks for the keys: a file is read again only when its stat says it changed.
const readTexts = new Map<string, { readonly stamp: string; readonly text: string }>();

function currentText(file: string): string | undefined {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (!stat) return undefined;
  const stamp = `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
  const known = readTexts.get(file);
  if (known?.stamp === stamp) return known.text;
  const text = readFileSync(file, 'utf8');
  readTexts.set(file, { stamp, text });
  return text;
}

// Every site open asks for the keys; deriving a public key parses the PEM (about 2 ms), so the
// last derivation is kept, keyed by the PEM's text so a replaced key is derived afresh.
let lastEmbedded: { pem: string; publicKey: string } | undefined;
function embeddedPublicKey(pem: string): string {
  if (lastEmbedded?.pem !== pem) lastEmbedded = { pem, publicKey: publicKeyOf(pem) };
  return lastEmbedded.publicKey;
}

/** Trusts a directory's key on first use; refuses a known directory whose key changed. */
export async function trustDirectory(config: TrustConfig, url: string, publicKey: string): Promise<void> {
  const known = trusted(config);
  if (known[url] === publicKey) return;
  if (known[url]) throw new GuildError('GUILD_ERR_DIRECTORY_KEY_CHANGED', url, trustFile(config));
  await mkdir(config.packagesDir, { recursive: true });
  const staging = `${trustFile(config)}.${process.pid}.tmp`;
  await writeFile(staging, `${JSON.stringify({ ...known, [url]: publicKey }, null, 2)}\n`);
  await rename(staging, trustFile(config));
}
