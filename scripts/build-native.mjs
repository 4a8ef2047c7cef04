#!/usr/bin/env node
// Builds the host's SQLite extension (core/content/statement-budget.c, the time limit on plugins'
// SQL) against the SQLite headers better-sqlite3 ships, so it matches the SQLite the host runs.
// npm runs this after installing. Without a C compiler it says so and leaves the install working:
// the host then logs, at every start, that plugins' SQL runs without a time limit.
import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const INSTALL = fileURLToPath(new URL('../', import.meta.url));
const SOURCE = path.join(INSTALL, 'core', 'content', 'statement-budget.c');
const OUT = path.join(INSTALL, '.guild', 'native', 'statement-budget.so');

const headers = path.join(path.dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json')), 'deps', 'sqlite3');
const compiler = process.env.CC || 'cc';
mkdirSync(path.dirname(OUT), { recursive: true });
const building = `${OUT}.${process.pid}`;
try {
  execFileSync(compiler, ['-O2', '-shared', '-fPIC', '-Wall', '-Wl,-z,nodelete', `-I${headers}`, SOURCE, '-o', building, '-lpthread'], { stdio: ['ignore', 'inherit', 'inherit'] });
  renameSync(building, OUT);
  console.log(`guild: built ${path.relative(INSTALL, OUT)} (the time limit on plugins' SQL)`);
} catch (error) {
  console.warn(`guild: could not build ${path.relative(INSTALL, OUT)} with "${compiler}" (${error.message.split('\n')[0]}).`);
  console.warn("guild: plugins' SQL will run without a time limit. Install a C compiler (Debian: apt-get install build-essential) and run `node scripts/build-native.mjs`.");
}
