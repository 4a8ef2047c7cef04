// Each plugin is bundled with its own dependencies, so two plugins using two versions of one
// library never clash: the commonest plugin conflict in WordPress.
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { pluginManifest } from '../support/plugins.ts';
import { sandbox, type Sandbox } from '../support/sandbox.ts';

describe('plugin dependencies', () => {
  let box: Sandbox;
  let host: Host;

  beforeAll(async () => {
    box = sandbox();
    for (const [folder, version] of [['old-friend', '1.0.0'], ['new-friend', '2.0.0']] as const) {
      box.write(`plugins/${folder}/plugin.json`, pluginManifest(`test.${folder}`, ['hooks']));
      box.write(`plugins/${folder}/node_modules/greeter/package.json`, { name: 'greeter', version, type: 'module', main: 'index.js' });
      // Version 2 changed the function's signature, as major versions do.
      box.write(
        `plugins/${folder}/node_modules/greeter/index.js`,
        version === '1.0.0' ? `export function greet(name) { return 'Hello ' + name + ' (greeter ${version})'; }` : `export function greet({ name }) { return 'Hi ' + name + ' (greeter ${version})'; }`,
      );
      box.write(
        `plugins/${folder}/index.ts`,
        `import { definePlugin } from '@guild/sdk';
// @ts-ignore a local fixture package without types
import { greet } from 'greeter';
export default definePlugin({ setup({ hooks }) {
  hooks.addFilter('theme:foot', (foot) => foot + '<p class="${folder}">' + greet(${version === '1.0.0' ? `'${folder}'` : `{ name: '${folder}' }`}) + '</p>');
} });`,
      );
    }
    box.site('both', { plugins: [{ id: 'test.old-friend' }, { id: 'test.new-friend' }] });
    host = await box.host({ trustedPlugins: ['*'] });
  });
  afterAll(() => box.remove());

  it('runs two plugins with two versions of one library side by side in one process', async () => {
    const page = await request(host.app).get('/').set('Host', 'both.localhost');
    expect(page.text).toContain('<p class="old-friend">Hello old-friend (greeter 1.0.0)</p>');
    expect(page.text).toContain('<p class="new-friend">Hi new-friend (greeter 2.0.0)</p>');
  });
});
