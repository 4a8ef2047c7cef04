/**
 * Guild side by side with stock WordPress and Ghost (issue 16's target 6), in one run of
 * ../shared/anchors/side-by-side.sh: the anchors' content (100 posts, 5 pages) imported into Guild
 * on Ghost's Casper theme with the page cache off and on (two hosts, one process each), the same
 * content on the first-party journal theme with the page cache off, and the anchors' bare
 * `node:http` ceiling. The anchors themselves are started by their own scripts if they are not up
 * (as root; see ../shared/anchors/README.md). Not part of `npm run bench`: it takes about 15
 * minutes, needs root and the machine to itself.
 *
 * Alone: `node --import tsx scripts/bench/anchors.ts` (ROUNDS, DURATION, QUIET_WAIT and the other
 * side-by-side.sh settings pass through). The report goes to stdout.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inTempFolder, runsAlone, say } from './alone.ts';
import { REPO, startHost, stopHost, waitFor } from './http.ts';
import { buildSites, renderEnv } from './render.ts';

const ANCHORS = path.join(REPO, '..', 'shared', 'anchors');
const CACHE_OFF_PORT = 3320;
const CACHE_ON_PORT = 3321;
const CEILING_PORT = 8090;

async function sideBySide(root: string): Promise<void> {
  if (!existsSync(path.join(ANCHORS, 'side-by-side.sh'))) throw new Error(`${ANCHORS} is absent: the anchors (stock WordPress and Ghost) come with the project's shared folder.`);
  const sitesOff = path.join(root, 'cache-off', 'sites');
  const { content } = await buildSites(sitesOff, renderEnv(path.join(root, 'cache-off'), sitesOff, CACHE_OFF_PORT), say);
  if (!content.startsWith('the anchors')) throw new Error('The anchors\' content is missing: ../shared/anchors/content/anchor-content.wxr.xml');
  const sitesOn = path.join(root, 'cache-on', 'sites');
  mkdirSync(path.dirname(sitesOn), { recursive: true });
  cpSync(sitesOff, sitesOn, { recursive: true });
  const cacheOn = { ...renderEnv(path.join(root, 'cache-on'), sitesOn, CACHE_ON_PORT) };
  delete cacheOn.GUILD_PAGE_CACHE_MB;
  const servers: ChildProcess[] = [startHost(renderEnv(path.join(root, 'cache-off'), sitesOff, CACHE_OFF_PORT)), startHost(cacheOn)];
  const pidFile = (name: string, child: ChildProcess) => {
    const file = path.join(root, `${name}.pid`);
    writeFileSync(file, String(child.pid));
    return file;
  };
  const ceilingPid = path.join(root, 'ceiling.pid');
  servers.push(spawn(process.execPath, [path.join(ANCHORS, 'node-ceiling.mjs'), String(CEILING_PORT), ceilingPid], { stdio: 'ignore' }));
  try {
    await waitFor(CACHE_OFF_PORT, 'casper.test');
    await waitFor(CACHE_ON_PORT, 'casper.test');
    await waitFor(CEILING_PORT, '127.0.0.1');
    const [off, on] = [pidFile('cache-off', servers[0]!), pidFile('cache-on', servers[1]!)];
    const run = spawn(
      path.join(ANCHORS, 'side-by-side.sh'),
      [
        `ceiling=http://127.0.0.1:${CEILING_PORT}#${ceilingPid}`,
        `guild-casper-off=http://127.0.0.1:${CACHE_OFF_PORT}@casper.test#${off}`,
        `guild-casper-on=http://127.0.0.1:${CACHE_ON_PORT}@casper.test#${on}`,
        `guild-journal-off=http://127.0.0.1:${CACHE_OFF_PORT}@journal.test#${off}`,
      ],
      { cwd: ANCHORS, stdio: 'inherit', env: { OUTDIR: path.join(root, 'side-by-side'), ...process.env } },
    );
    const code = await new Promise<number | null>((resolve) => run.once('exit', resolve));
    if (code !== 0) throw new Error(`side-by-side.sh exited with ${code}`);
  } finally {
    for (const server of servers) await stopHost(server);
  }
}

if (runsAlone(import.meta.url)) await inTempFolder('anchors', sideBySide);
