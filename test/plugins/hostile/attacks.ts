/**
 * The hostile plugins of issue 11, item 7: one per attack. Each taps the public page; what it
 * managed to do it writes into the page's foot as `<!-- report: ... -->`, so the suite reads the
 * outcome as a visitor would. Paths to steal or spoil come in as constants the suite fills in
 * (TARGETS). The ones that spend time or memory do so on pages whose path holds "attack", so the
 * suite can render the site's pages once beforehand and time only the attack.
 */

export interface Attack {
  /** The plugin's id; its site is "h-<name>". */
  readonly id: string;
  readonly capabilities: readonly string[];
  readonly extra?: object;
  /** index.ts of the plugin; `TARGETS` is replaced with the suite's paths as JSON. */
  readonly source: string;
}

const plugin = (setup: string) => `import { definePlugin } from '@guild/sdk';
const TARGETS = __TARGETS__;
const attempt = (what, work) => { try { const got = work(); return what + '=' + (got === undefined ? 'undefined' : 'GOT:' + String(got).slice(0, 80)); } catch (error) { return what + '=blocked(' + (error && error.name) + ')'; } };
export default definePlugin({ setup(context) {
  const { hooks } = context;
${setup}
} });`;

/** Writes the attempts' outcomes into the page, as "<!-- report: a=blocked(...) b=... -->". */
const report = (attempts: string) => `  hooks.addFilter('theme:foot', (foot) => foot + '<!-- report: ' + [${attempts}].join(' ') + ' -->');`;

export const ATTACKS: Record<string, Attack> = {
  spawn: {
    id: 'hostile.spawn',
    capabilities: ['hooks'],
    source: plugin(
      report(`
    attempt('require', () => require(TARGETS.cp).execSync('touch ' + TARGETS.canary)),
    attempt('process', () => process.binding('spawn_sync')),
    attempt('function', () => Function('return this')().process.mainModule.require(TARGETS.cp)),
    attempt('eval-require', () => eval('require')),
    attempt('import', () => void import(TARGETS.cp).then((m) => m.execSync('touch ' + TARGETS.canary)))`),
    ),
  },
  'read-files': {
    id: 'hostile.read-files',
    capabilities: ['hooks', 'storage'],
    source: plugin(`  const { storage } = context;
${report(`
    attempt('fs', () => require(TARGETS.fs).readFileSync('/etc/passwd', 'utf8')),
    attempt('posts', () => storage.all('SELECT title FROM posts').length),
    attempt('attach-host', () => storage.exec("ATTACH DATABASE '" + TARGETS.hostDb + "' AS host")),
    attempt('attach-other', () => storage.exec("ATTACH DATABASE '" + TARGETS.otherDb + "' AS other")),
    attempt('sessions', () => storage.all('SELECT * FROM host.sessions').length),
    attempt('schema', () => storage.all('SELECT sql FROM sqlite_schema').length),
    attempt('view', () => {
      const [own, view] = [storage.table('own'), storage.table('peek')];
      storage.exec('CREATE TABLE IF NOT EXISTS ' + own + ' (title TEXT)');
      storage.exec('DROP VIEW IF EXISTS ' + view);
      storage.exec('CREATE VIEW ' + view + ' AS SELECT title FROM ' + own);
      storage.all('SELECT title FROM ' + view);
      storage.exec('DROP VIEW ' + view);
      storage.exec('CREATE VIEW ' + view + ' AS SELECT title FROM posts');
      return storage.all('SELECT title FROM ' + view).map((row) => row.title).join();
    }),
    attempt('load-extension', () => storage.get("SELECT load_extension('/lib/x')")),
    attempt('fetch', () => fetch('file:///etc/passwd'))`)}`),
  },
  'write-files': {
    id: 'hostile.write-files',
    capabilities: ['hooks', 'storage'],
    source: plugin(`  const { storage } = context;
${report(`
    attempt('fs', () => require(TARGETS.fs).writeFileSync(TARGETS.canary, 'x')),
    attempt('vacuum-into', () => storage.exec("VACUUM INTO '" + TARGETS.canary + "'")),
    attempt('attach-new', () => storage.exec("ATTACH DATABASE '" + TARGETS.canary + "' AS x")),
    attempt('drop-posts', () => storage.exec('DROP TABLE posts')),
    attempt('pragma', () => storage.exec('PRAGMA writable_schema = 1'))`)}`),
  },
  socket: {
    id: 'hostile.socket',
    capabilities: ['hooks', 'network'],
    extra: { network: ['api.example.com'] },
    source: plugin(`  const { http } = context;
  let outcome = 'none';
  hooks.addFilter('theme:foot', async (foot) => {
    try { await http.fetch(TARGETS.loopback); outcome = 'GOT'; } catch (error) { outcome = 'blocked(' + String(error.message).slice(0, 200) + ')'; }
    return foot + '<!-- report: ' + [attempt('net', () => require(TARGETS.net).connect(22, '127.0.0.1')), attempt('websocket', () => new WebSocket('ws://127.0.0.1')), 'http=' + outcome].join(' ') + ' -->';
  });`),
  },
  'process-exit': {
    id: 'hostile.process-exit',
    capabilities: ['hooks'],
    source: plugin(
      report(`
    attempt('exit', () => process.exit(1)),
    attempt('kill', () => process.kill(process.pid, 'SIGKILL')),
    attempt('global-kill', () => globalThis.process.kill(0))`),
    ),
  },
  pollute: {
    id: 'hostile.pollute',
    capabilities: ['hooks'],
    source: plugin(`  hooks.addFilter('theme:body-class', (classes, page) => {
    Object.prototype.polluted = 'yes';
    Array.prototype.polluted = 'yes';
    classes.__proto__.polluted = 'yes';
    page.site.__proto__.polluted = 'yes';
    page.constructor.prototype.polluted = 'yes';
    return JSON.parse('{"__proto__": {"polluted": "yes"}, "length": 0}').length === 0 ? [...classes, 'polluter'] : classes;
  });
  hooks.addFilter('navigation:items', (items) => JSON.parse('[{"label": "x", "url": "/", "__proto__": {"polluted": "yes"}}]'));
${report(`attempt('own-prototype', () => ({}).polluted)`)}`),
  },
  'forge-messages': {
    id: 'hostile.forge-messages',
    capabilities: ['hooks'],
    source: plugin(`  const forged = [];
  // The guest's own JSON.stringify carries every message to the host: rewrite them on the way out.
  const stringify = JSON.stringify;
  let rewrite;
  JSON.stringify = (value, ...rest) => stringify(rewrite && Array.isArray(value) && value[0] === 'call' ? rewrite : value, ...rest);
  const forge = (name, message) => { rewrite = message; try { context.log.info('x'); forged.push(name + '=GOT'); } catch (error) { forged.push(name + '=blocked(' + String(error.message).slice(0, 200) + ')'); } rewrite = undefined; };
  forge('storage', ['call', 'storage', 'run', ['DELETE FROM posts']]);
  forge('mail', ['call', 'mail', 'send', [{ to: 'x@example.com', subject: 's', text: 't' }]]);
  forge('proto', ['call', '__proto__', 'constructor', []]);
  forge('constructor', ['call', 'hooks', 'constructor', []]);
  forge('tostring', ['call', 'log', 'toString', []]);
  forge('unknown', ['eval', 'process.exit(1)']);
  hooks.addFilter('theme:foot', (foot) => foot + '<!-- report: ' + forged.join(' ') + ' channel=' + typeof globalThis.__host + ' -->');`),
  },
  hog: {
    id: 'hostile.hog',
    capabilities: ['hooks'],
    source: plugin(`  hooks.addFilter('theme:body-class', (classes, page) => { if (!page.path.includes('attack')) return classes; const kept = []; for (;;) kept.push(new Uint8Array(1 << 20).fill(1)); });`),
  },
  'loop-sync': {
    id: 'hostile.loop-sync',
    capabilities: ['hooks'],
    source: plugin(`  hooks.addFilter('theme:body-class', (classes, page) => { if (!page.path.includes('attack')) return classes; for (;;) { try { for (;;) {} } catch (error) {} } });`),
  },
  // Loops around heavy built-ins: each step is one long C loop inside QuickJS, which its own
  // interrupt handler does not see (it counts JavaScript steps); sized to fit the suite's memory limit.
  'loop-fill': builtinLoop('loop-fill', `for (;;) new Array(1e5).fill(0);`),
  'loop-repeat': builtinLoop('loop-repeat', `for (;;) 'x'.repeat(1e6);`),
  'loop-json': builtinLoop('loop-json', `const rows = Array.from({ length: 1e4 }, (_, i) => ({ i, text: 'abc' })); for (;;) JSON.stringify(rows);`),
  'loop-sort': builtinLoop('loop-sort', `const words = Array.from({ length: 3e4 }, (_, i) => String((i * 7919) % 30011)); for (;;) words.slice().sort();`),
  'loop-regex': builtinLoop('loop-regex', `for (;;) /^(a+)+$/.test('a'.repeat(40) + 'b');`),
  // One statement that would run for seconds (SQLite's own loop, outside QuickJS), caught and run again.
  'loop-sql': {
    id: 'hostile.loop-sql',
    capabilities: ['hooks', 'storage'],
    source: plugin(`  const { storage } = context;
  const runaway = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 10000000) SELECT count(*) AS n FROM c';
  hooks.addFilter('theme:body-class', (classes, page) => { if (!page.path.includes('attack')) return classes; for (;;) { try { storage.get(runaway); } catch (error) {} } });`),
  },
  'loop-async': {
    id: 'hostile.loop-async',
    capabilities: ['hooks'],
    source: plugin(`  const spin = async () => { for (;;) await null; };
  // Catches the interrupt that stops spin(), and spins again.
  hooks.addFilter('theme:foot', async (foot, page) => { if (!page.path.includes('attack')) return foot; for (;;) { try { await spin(); } catch (error) {} } });`),
  },
  'never-resolve': {
    id: 'hostile.never-resolve',
    capabilities: ['hooks'],
    source: plugin(`  hooks.addFilter('theme:foot', (foot, page) => (page.path.includes('attack') ? new Promise(() => {}) : foot));`),
  },
  'static-import': {
    id: 'hostile.static-import',
    capabilities: ['hooks'],
    source: `import { execSync } from 'node:child_process';
import { definePlugin } from '@guild/sdk';
export default definePlugin({ setup({ hooks }) { hooks.addFilter('theme:foot', (foot) => foot + execSync('id')); } });`,
  },
  collide: {
    // "hostile.victim--notes" and "hostile--victim.notes" used to share one table prefix.
    id: 'hostile--victim.notes',
    capabilities: ['hooks', 'storage'],
    source: plugin(`  const { storage } = context;
  storage.exec('CREATE TABLE IF NOT EXISTS ' + storage.table('secrets') + ' (text TEXT)');
${report(`
    attempt('victim-table', () => storage.all('SELECT text FROM ' + TARGETS.victimTable).map((row) => row.text).join()),
    attempt('shared-prefix', () => storage.all('SELECT text FROM hostile__victim__notes__secrets').map((row) => row.text).join()),
    attempt('own-prefix', () => storage.prefix)`)}`),
  },
};

/** A plugin whose body-class tap runs `loop` on attack pages, catching whatever stops it. */
function builtinLoop(name: string, loop: string): Attack {
  return {
    id: `hostile.${name}`,
    capabilities: ['hooks'],
    source: plugin(`  hooks.addFilter('theme:body-class', (classes, page) => { if (!page.path.includes('attack')) return classes; for (;;) { try { ${loop} } catch (error) {} } });`),
  };
}

/** The plugin whose table the "collide" attack goes after. */
export const VICTIM = {
  id: 'hostile.victim--notes',
  capabilities: ['hooks', 'storage'],
  source: `import { definePlugin } from '@guild/sdk';
export default definePlugin({
  migrations: [{ version: 1, name: 'secrets', up: (s) => s.exec('CREATE TABLE ' + s.table('secrets') + " (text TEXT); INSERT INTO " + s.table('secrets') + " (text) VALUES ('the victim''s secret')") }],
  setup({ storage, hooks }) { hooks.addFilter('theme:foot', (foot) => foot + '<!-- victim: ' + storage.prefix + ' -->'); },
});`,
};

/** Builds an attack's index.ts with the suite's targets in place. */
export function sourceOf(attack: { source: string }, targets: object): string {
  return attack.source.replace('__TARGETS__', JSON.stringify(targets));
}
