/** The files `guild plugin new` writes: a plugin that builds, passes its test and shows on a page at once. */
import path from 'node:path';

export interface PluginTemplate {
  readonly id: string;
  /** The folder the files go to. */
  readonly dir: string;
  /** The Guild install, for the editor's types and the test's host. */
  readonly install: string;
  readonly version: string;
}

export function pluginFiles(template: PluginTemplate): Record<string, string> {
  const name = template.id.split('.')[1]!;
  const title = name.replace(/-/g, ' ').replace(/^./, (char) => char.toUpperCase());
  const sdk = (file: string) => path.join(template.install, 'core', 'sdk', file);
  const schema = path.relative(template.dir, path.join(template.install, 'core', 'manifest', 'schemas', 'plugin.schema.json')).split(path.sep).join('/');
  const [major, minor] = template.version.split('.');
  return {
    'plugin.json': json({
      $schema: schema,
      guild: 1,
      id: template.id,
      name: title,
      description: `Adds a message to the foot of every page.`,
      version: '0.1.0',
      author: { handle: template.id.split('.')[0] },
      license: 'MIT',
      engine: `^${major}.${minor}.0`,
      entry: 'index.ts',
      capabilities: ['hooks', 'settings'],
      settings: {
        type: 'object',
        additionalProperties: false,
        properties: {
          message: { type: 'string', maxLength: 200, default: `Hello from ${title}`, description: 'The message shown at the foot of every page' },
        },
      },
    }),
    'index.ts': `/**
 * ${title}: adds a message to the foot of every page. Start here: the hook names and payloads
 * are typed, so your editor lists them (see docs/hooks.md of your Guild install).
 */
import { definePlugin, escapeHtml } from '@guild/sdk';

export interface Settings {
  message: string;
}

export default definePlugin<Settings>({
  setup({ hooks, settings }) {
    hooks.addFilter('theme:foot', (foot) => \`\${foot}<p class="${name}">\${escapeHtml(settings.message)}</p>\`);
  },
});
`,
    'index.test.ts': `// Runs the plugin on a real Guild site: npx guild plugin test .
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { testSite } from '@guild/sdk/testing';

const dir = path.dirname(fileURLToPath(import.meta.url));

test('adds its message to the foot of every page', async () => {
  const site = await testSite(dir, { settings: { message: 'Hi & welcome' } });
  try {
    assert.equal((await site.status()).state, 'active');
    const page = await site.get('/');
    assert.equal(page.status, 200);
    assert.match(page.text, /<p class="${name}">Hi &#38; welcome<\\/p>/);
  } finally {
    await site.close();
  }
});
`,
    // ES modules, as Guild loads them; dependencies added here are bundled into the plugin.
    'package.json': json({ name: template.id.replace('.', '-'), version: '0.1.0', private: true, type: 'module' }),
    'tsconfig.json': json({
      compilerOptions: {
        target: 'ES2023',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        allowImportingTsExtensions: true,
        skipLibCheck: true,
        types: ['node'],
        paths: { '@guild/sdk': [sdk('index.ts')], '@guild/sdk/testing': [sdk('testing.ts')] },
      },
      include: ['*.ts'],
    }),
    'README.md': `# ${title} (\`${template.id}\`)

Adds a message to the foot of every page of a Guild site.

## Develop

\`\`\`sh
npx guild plugin check .   # the manifest, by JSON path, and that the code compiles
npx guild plugin test .    # the tests, against a real Guild site
npx guild plugin build .   # dist/: one bundled file, its manifest, and an archive with integrity hashes
\`\`\`

Put the folder where the host finds plugins (\`GUILD_PLUGINS\`), then turn it on for a site:
\`npx guild plugin activate ${template.id} <site>\`.

## Settings

| setting | what it does | default |
| --- | --- | --- |
| \`message\` | the message shown at the foot of every page | "Hello from ${title}" |
`,
  };
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
