/**
 * A/B of uncached rendering between two installs of Guild in one run, so that a busy machine
 * weighs on both alike: the same sites (the anchors' content on Casper and the first-party
 * themes), one host per install side by side, rounds interleaved A, B, A, B ...; per page the
 * median over rounds of the host's CPU per request (/proc/<pid>/stat, as render.ts) and, with
 * BENCH_AB_P99=1, the p99 at 16 connections.
 *
 * `node --import tsx scripts/bench/ab-render.ts <install A> <install B>` (an install is a checkout
 * with node_modules, e.g. `git archive main | tar -x -C /tmp/base`); BENCH_AB_ROUNDS (5),
 * BENCH_RENDER_REQUESTS (400 per page and round), BENCH_RENDER_THEMES, BENCH_RENDER_PAGES.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { buildSites, cpuMs, hammer, renderEnv, THEMES } from './render.ts';
import { load } from './load.ts';
import { waitFor } from './http.ts';

const [installA, installB] = process.argv.slice(2).map((dir) => path.resolve(dir));
if (!installA || !installB) throw new Error('usage: ab-render.ts <install A> <install B>');
const rounds = Number(process.env.BENCH_AB_ROUNDS ?? 5);
const requests = Number(process.env.BENCH_RENDER_REQUESTS ?? 400);
const themes = process.env.BENCH_RENDER_THEMES?.split(',') ?? [...THEMES];
const only = process.env.BENCH_RENDER_PAGES?.split(',');

const root = mkdtempSync(path.join(os.tmpdir(), 'guild-bench-ab-'));
const hosts: { name: string; port: number; child: ChildProcess; agent: Agent }[] = [];
try {
  const sitesDir = path.join(root, 'sites');
  const { pages } = await buildSites(sitesDir, renderEnv(root, sitesDir, 0), (line) => process.stderr.write(`${line}\n`));
  for (const [index, install] of [installA, installB].entries()) {
    const port = 3910 + index;
    const env = { ...renderEnv(path.join(root, `host-${index}`), sitesDir, port), GUILD_THEMES: path.join(install, 'test', 'fixtures', 'themes') };
    const child = spawn(process.execPath, [path.join(install, 'scripts/guild.mjs'), 'start'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    hosts.push({ name: index === 0 ? 'A' : 'B', port, child, agent: new Agent({ keepAlive: true, maxSockets: 4 }) });
  }
  const cpu = new Map<string, number[]>();
  const p99 = new Map<string, number[]>();
  const targets = themes.flatMap((theme) => Object.entries(pages).filter(([page]) => !only || only.includes(page)).map(([page, pathname]) => ({ theme, page, pathname })));
  for (const host of hosts) for (const theme of themes) await waitFor(host.port, `${theme}.test`);
  for (const host of hosts) for (const target of targets) await hammer(host.agent, host.port, `${target.theme}.test`, target.pathname, 200);
  for (let round = 1; round <= rounds; round++) {
    process.stderr.write(`round ${round}/${rounds}\n`);
    for (const target of targets) {
      for (const host of round % 2 ? hosts : [...hosts].reverse()) {
        const key = `${target.theme} ${target.page} ${host.name}`;
        const before = cpuMs(host.child.pid!);
        await hammer(host.agent, host.port, `${target.theme}.test`, target.pathname, requests);
        cpu.set(key, [...(cpu.get(key) ?? []), (cpuMs(host.child.pid!) - before) / requests]);
        if (process.env.BENCH_AB_P99) {
          const result = await load({ port: host.port, seconds: 3, connections: 16, next: () => ({ host: `${target.theme}.test`, path: target.pathname }) });
          p99.set(key, [...(p99.get(key) ?? []), result.p99Ms]);
        }
      }
    }
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  console.log(`A = ${installA}\nB = ${installB}\n${rounds} interleaved rounds of ${requests} requests per page; medians (CPU per request${process.env.BENCH_AB_P99 ? '; p99 at 16 connections, 3 s' : ''})\n`);
  console.log(`| theme | page | A CPU | B CPU | B/A |${process.env.BENCH_AB_P99 ? ' A p99 | B p99 |' : ''}\n| --- | --- | ---: | ---: | ---: |${process.env.BENCH_AB_P99 ? ' ---: | ---: |' : ''}`);
  for (const target of targets) {
    const a = median(cpu.get(`${target.theme} ${target.page} A`)!);
    const b = median(cpu.get(`${target.theme} ${target.page} B`)!);
    const tail = process.env.BENCH_AB_P99 ? ` ${median(p99.get(`${target.theme} ${target.page} A`)!)} ms | ${median(p99.get(`${target.theme} ${target.page} B`)!)} ms |` : '';
    console.log(`| ${target.theme} | ${target.page} | ${a.toFixed(3)} ms | ${b.toFixed(3)} ms | ${(b / a).toFixed(2)} |${tail}`);
  }
} finally {
  for (const host of hosts) {
    host.agent.destroy();
    host.child.kill('SIGINT');
    await new Promise((resolve) => host.child.once('exit', resolve));
  }
  rmSync(root, { recursive: true, force: true });
}
