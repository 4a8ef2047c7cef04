// Every message the manifest protocol can give, as a user would read it: file, JSON path, what is expected.
import { describe, expect, it } from 'vitest';
import { formatProblem, parseManifest, type ManifestKind } from '../../core/manifest/index.ts';

const FILE = `${process.cwd()}/sites/acme/site.json`;

const validSite = { guild: 1, id: 'acme', title: 'Acme', theme: { id: 'journal' }, builtBy: 'ada' };
const validPlugin = {
  guild: 1,
  id: 'acme.contact',
  name: 'Contact',
  version: '1.0.0',
  author: { handle: 'ada' },
  license: 'MIT',
  engine: '^0.1.0',
  entry: 'index.ts',
  capabilities: ['hooks'],
};

function lines(kind: ManifestKind, data: unknown, expectedId?: string): string[] {
  const result = parseManifest(kind, JSON.stringify(data), FILE, expectedId);
  return result.ok ? [] : result.problems.map((problem) => formatProblem(problem));
}

describe('site.json', () => {
  it('accepts a minimal valid manifest', () => {
    expect(lines('site', validSite, 'acme')).toEqual([]);
  });

  it('accepts every time zone name the runtime knows, aliases included', () => {
    for (const timezone of ['UTC', 'Europe/Berlin', 'Asia/Kolkata', 'Asia/Calcutta', 'America/Argentina/Buenos_Aires']) {
      expect(lines('site', { ...validSite, timezone }, 'acme')).toEqual([]);
    }
  });

  it.each([
    [{ guild: 2 }, 'sites/acme/site.json /guild: must be 1, the manifest protocol version this host reads'],
    [{ id: 'Acme Co' }, 'sites/acme/site.json /id: must be a slug like "acme-bakery": lowercase letters, digits and dashes, at most 63 characters'],
    [{ title: '' }, "sites/acme/site.json /title: must be the site's name, 1 to 200 characters"],
    [{ description: 'x'.repeat(501) }, 'sites/acme/site.json /description: must be a sentence of at most 500 characters'],
    [{ domains: ['acme..example'] }, 'sites/acme/site.json /domains/0: must be a host name like "acme.example"'],
    [{ domains: ['Acme.Example'] }, 'sites/acme/site.json /domains/0: must be a host name like "acme.example"'],
    [{ domains: 'acme.example' }, 'sites/acme/site.json /domains: must be a list of host names, like ["acme.example"]'],
    [{ domains: ['a.example', 'a.example'] }, 'sites/acme/site.json /domains: must not list the same host name twice'],
    [{ theme: 'journal' }, 'sites/acme/site.json /theme: must be an object like {"id": "journal"}'],
    [{ theme: { id: '../journal' } }, 'sites/acme/site.json /theme/id: must be the name of an installed theme, like "journal"'],
    [{ theme: { id: 'journal', settings: [] } }, 'sites/acme/site.json /theme/settings: must be an object of setting names and values'],
    [{ plugins: {} }, 'sites/acme/site.json /plugins: must be a list of plugins, like [{"id": "guild.seo"}]'],
    [{ plugins: ['guild.seo'] }, 'sites/acme/site.json /plugins/0: must be an object like {"id": "guild.seo"}'],
    [{ plugins: [{ id: 'seo' }] }, 'sites/acme/site.json /plugins/0/id: must be a plugin id like "guild.seo" ("<vendor>.<name>")'],
    [{ plugins: [{ id: 'guild.seo', settings: 1 }] }, 'sites/acme/site.json /plugins/0/settings: must be an object of setting names and values'],
    [{ plugins: [{ id: 'guild.seo', setings: {} }] }, 'sites/acme/site.json /plugins/0/setings: is not a known property; did you mean "settings"?'],
    [{ builtBy: 'Ada Lovelace' }, 'sites/acme/site.json /builtBy: must be a handle like "ada": lowercase letters, digits and dashes'],
    [{ locale: 'english' }, 'sites/acme/site.json /locale: must be a language tag like "en" or "de-CH"'],
    [{ timezone: 'Mars/Olympus' }, 'sites/acme/site.json /timezone: must be an IANA time zone like "Europe/Berlin" or "UTC"'],
    [{ logo: 'not a url' }, 'sites/acme/site.json /logo: must be a URL or a path like "/content/images/logo.png"'],
    [{ icon: 'an icon' }, 'sites/acme/site.json /icon: must be a URL or a path like "/content/images/icon.png"'],
    [{ titel: 'x' }, 'sites/acme/site.json /titel: is not a known property; did you mean "title"?'],
    [{ colour: 'red' }, 'sites/acme/site.json /colour: is not a known property; known properties: guild, id, title, description, domains, theme, plugins, builtBy, locale, timezone, logo, private, disabled, social, icon, mail, accentColor, coverImage, codeInjection'],
  ])('reports %j', (change, message) => {
    expect(lines('site', { ...validSite, ...change }, 'acme')).toEqual([message]);
  });

  it('names a missing property with what it is for', () => {
    const { title: _title, ...rest } = validSite;
    expect(lines('site', rest, 'acme')).toEqual(["sites/acme/site.json /title: is required: the site's name, shown in the browser tab and the theme's header"]);
  });

  it('requires the id to match the folder and each plugin to be listed once', () => {
    expect(lines('site', { ...validSite, id: 'other', plugins: [{ id: 'guild.seo' }, { id: 'guild.seo' }] }, 'acme')).toEqual([
      'sites/acme/site.json /id: must be "acme", the name of the site\'s folder',
      'sites/acme/site.json /plugins/1/id: lists "guild.seo" a second time; list each plugin once',
    ]);
  });

  it('lists every problem at once, not only the first', () => {
    expect(lines('site', { ...validSite, guild: 3, domains: ['x'], timezone: 'Nowhere' }, 'acme')).toHaveLength(3);
  });

  it('reports a file that does not parse with its line and column', () => {
    const result = parseManifest('site', '{\n  "guild": 1,\n  "id": "acme"\n  "title": "x"\n}', FILE);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((problem) => formatProblem(problem))).toEqual([
      "sites/acme/site.json line 4 column 3: is not valid JSON: Expected ',' or '}' after property value",
    ]);
  });

  it('reports an empty or truncated file', () => {
    const result = parseManifest('site', '{"guild": 1, "id": ', FILE);
    expect(!result.ok && formatProblem(result.problems[0]!)).toBe('sites/acme/site.json line 1 column 20: is not valid JSON: Unexpected end of the file');
  });

  it('shows the full path of a file outside the working folder', () => {
    expect(formatProblem({ file: '/elsewhere/site.json', path: '/id', message: 'is wrong' })).toBe('/elsewhere/site.json /id: is wrong');
  });
});

describe('plugin.json', () => {
  it('accepts a valid manifest', () => {
    expect(lines('plugin', validPlugin)).toEqual([]);
  });

  it.each([
    [{ id: 'contact' }, '/id: must be an id like "acme.contact-form" ("<vendor>.<name>", lowercase letters, digits and dashes)'],
    [{ version: '1.0' }, '/version: must be a semantic version like "1.2.0"'],
    [{ engine: 'soon' }, '/engine: must be a semver range of Guild versions like "^0.1.0"'],
    [{ entry: '../index.ts' }, '/entry: must be a relative path to a .ts, .js or .mjs file inside the plugin, like "index.ts"'],
    [{ entry: '/abs/index.ts' }, '/entry: must be a relative path to a .ts, .js or .mjs file inside the plugin, like "index.ts"'],
    [{ capabilities: ['hooks', 'root'] }, '/capabilities/1: must be one of: hooks, routes, admin, settings, helpers, partials, content-types, storage, jobs, mail, network'],
    [{ network: ['https://api.example.com/v1'] }, '/network/0: must be a host name like "api.example.com" or "*.example.com" (lowercase, no scheme, no path)'],
    [{ author: { handle: 'Ada!' } }, '/author/handle: must be a handle like "ada": lowercase letters, digits and dashes'],
    [{ license: '' }, '/license: must be an SPDX licence identifier like "MIT", or "proprietary"'],
    [{ hooks: { 'other.plugin:x': { kind: 'filter', mode: 'sync', doc: 'x' }, bad: { kind: 'filter', mode: 'sync', doc: 'x' } } }, '/hooks: must be a hook name like "acme.seo:meta-tags" ("<plugin id>:<hook>")'],
    [{ hooks: { 'acme.contact:sent': { kind: 'event', mode: 'sync', doc: 'x' } } }, '/hooks/acme.contact:sent/kind: must be "action" or "filter"'],
    [{ settings: { type: 'array' } }, '/settings: must be a JSON Schema of type "object" with "properties"'],
    [{ price: { amount: 49.5, currency: 'EUR' } }, '/price/amount: must be a whole number of minor units (cents), like 4900'],
    [{ price: { amount: 4900, currency: 'euro' } }, '/price/currency: must be a three-letter currency code like "EUR"'],
  ])('reports %j', (change, message) => {
    expect(lines('plugin', { ...validPlugin, ...change })).toEqual([`sites/acme/site.json ${message}`]);
  });
});

describe("a theme's package.json", () => {
  it('accepts a Ghost-style package.json with fields Guild does not read', () => {
    expect(lines('theme', { name: 'casper', version: '5.0.0', scripts: { dev: 'gulp' }, config: { posts_per_page: 25, image_sizes: { xs: { width: 100 } } } })).toEqual([]);
  });

  it.each([
    [{ name: 'My Theme' }, '/name: must be a theme id like "journal": lowercase letters, digits and dashes'],
    [{ version: 'one' }, '/version: must be a semantic version like "1.2.0"'],
    [{ engines: { guild: 'any' } }, '/engines/guild: must be a semver range of Guild versions like "^0.1.0"'],
    [{ config: { posts_per_page: 0 } }, '/config/posts_per_page: must be a whole number from 1 to 100'],
    [{ config: { image_sizes: { s: { w: 100 } } } }, '/config/image_sizes/s: must be like {"width": 600} or {"width": 600, "height": 400}'],
    [{ config: { custom: { 'Accent-Color': { type: 'color' } } } }, '/config/custom: must be a snake_case setting name like "accent_color"'],
    [{ config: { custom: { accent: { type: 'colour' } } } }, '/config/custom/accent/type: must be one of: select, boolean, color, image, text'],
  ])('reports %j', (change, message) => {
    expect(lines('theme', { name: 'journal', version: '1.0.0', ...change })).toEqual([`sites/acme/site.json ${message}`]);
  });
});
