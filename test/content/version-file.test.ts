// A site's content version: read once per turn of the event loop, yet a write is never missed.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { bumpContentVersion, contentVersion, versionFileOf } from '../../core/content/version-file.ts';

let dir: string;
let database: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'guild-version-'));
  database = path.join(dir, 'content.db');
  writeFileSync(database, '');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('moves at once when this process writes, within the same turn of the event loop', () => {
  const before = contentVersion(database);
  bumpContentVersion(database);
  const after = contentVersion(database);
  expect(after).not.toBe(before);
  bumpContentVersion(database);
  expect(contentVersion(database)).not.toBe(after);
});

it('sees another process’s write by the next turn of the event loop', async () => {
  const before = contentVersion(database);
  // What another process's bump does to the file: this process is not told.
  appendFileSync(versionFileOf(database), '.');
  await nextTurn();
  expect(contentVersion(database)).not.toBe(before);
});
