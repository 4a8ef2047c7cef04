// Imports run downward only (see ARCHITECTURE in the README): a test keeps it so.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/sandbox.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(REPO, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|mts)$/.test(entry.name) && !entry.parentPath.includes('node_modules'))
    .map((entry) => path.relative(REPO, path.join(entry.parentPath, entry.name)));
}

function importsOf(file: string): string[] {
  const source = readFileSync(path.join(REPO, file), 'utf8');
  return [...source.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((match) => match[1]!);
}

/** The repository folders a file reaches through its relative imports. */
function reachedFolders(file: string): string[] {
  return importsOf(file)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => path.relative(REPO, path.resolve(path.dirname(path.join(REPO, file)), specifier)));
}

const rules: Array<[folder: string, mayNotReach: string[]]> = [
  ['core/hooks', ['core/content', 'core/themes', 'core/site', 'core/host', 'core/plugins', 'core/manifest']],
  ['core/manifest', ['core/hooks', 'core/content', 'core/themes', 'core/site', 'core/host', 'core/plugins']],
  ['core/content', ['core/hooks', 'core/themes', 'core/site', 'core/host', 'core/plugins']],
  ['core/themes', ['core/site', 'core/host', 'core/plugins']],
  // core/plugins reaches core/content for one thing only: a plugin's own storage in its site's database.
  ['core/plugins', ['core/site', 'core/host', 'core/themes']],
  ['core/site', ['core/host']],
  ['core/signing', ['core/hooks', 'core/content', 'core/themes', 'core/site', 'core/host', 'core/plugins', 'core/manifest', 'core/directory']],
  ['core/directory', ['core/hooks', 'core/themes', 'core/site', 'core/host', 'core/plugins']],
  ['core/mail', ['core/hooks', 'core/content', 'core/themes', 'core/site', 'core/host', 'core/plugins', 'core/manifest', 'core/auth']],
  ['core/admin', ['core/host']],
  // Outbound requests on someone's behalf: node only, so the sandbox and the media fetch can both use it.
  ['core/net', ['core/hooks', 'core/content', 'core/themes', 'core/site', 'core/host', 'core/plugins', 'core/manifest', 'core/media', 'core/admin', 'core/directory']],
  ['core/ghost-api', ['core/hooks', 'core/themes', 'core/site', 'core/host', 'core/plugins', 'core/admin']],
];

describe('imports run downward', () => {
  it.each(rules)('%s reaches none of %j', (folder, forbidden) => {
    const offending = sourceFiles(folder).flatMap((file) =>
      reachedFolders(file)
        .filter((target) => forbidden.some((dir) => target === dir || target.startsWith(`${dir}/`)))
        .map((target) => `${file} → ${target}`),
    );
    expect(offending).toEqual([]);
  });

  it('plugins and themes import nothing of the core but @guild/sdk', () => {
    const offending = [...sourceFiles('plugins'), ...sourceFiles('themes')].flatMap((file) =>
      reachedFolders(file)
        .filter((target) => target.startsWith('core/') || target === 'core')
        .map((target) => `${file} → ${target}`),
    );
    expect(offending).toEqual([]);
  });
});
