// The "network" capability: a plugin reaches only the hosts its plugin.json names, over http(s).
import { describe, expect, it } from 'vitest';
import type { PluginManifest } from '../../core/manifest/index.ts';
import { manifestCapabilityProblems, outboundFetch } from '../../core/plugins/index.ts';
import { pluginManifest } from '../support/plugins.ts';

const manifest = (extra: object = {}) => pluginManifest('acme.weather', ['hooks', 'network'], { network: ['api.example.com', '*.example.org'], ...extra }) as unknown as PluginManifest;

describe('the network capability', () => {
  it('needs a list of hosts, and a list of hosts needs the capability', () => {
    expect(manifestCapabilityProblems(manifest({ network: undefined }), 'plugin.json').map((problem) => problem.message)).toEqual(['the "network" capability needs the hosts the plugin may fetch from: add "network": ["api.example.com"]']);
    const withoutCapability = { ...manifest(), capabilities: ['hooks'] } as PluginManifest;
    expect(manifestCapabilityProblems(withoutCapability, 'plugin.json').map((problem) => problem.message)).toEqual(['a list of hosts to fetch from needs the "network" capability; add "network" to "capabilities"']);
  });

  it.each([
    ['http://api.example.com.evil.test/', 'its host is not in plugin.json\'s "network" list'],
    ['https://example.org/', 'its host is not in plugin.json\'s "network" list'],
    ['https://127.0.0.1/', 'its host is not in plugin.json\'s "network" list'],
    ['file:///etc/passwd', 'only http and https are allowed'],
    ['api.example.com/x', 'it is not an absolute URL'],
  ])('refuses %s before any connection is made', async (url, reason) => {
    await expect(outboundFetch(manifest(), url)).rejects.toThrow(reason);
  });

  it('refuses a method it does not know', async () => {
    await expect(outboundFetch(manifest(), 'https://api.example.com/', { method: 'CONNECT' })).rejects.toThrow('the method CONNECT is not allowed');
  });
});
