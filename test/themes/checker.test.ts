/**
 * The theme checker: each rule against its own fixture theme (test/fixtures/themes/gtNNN-*),
 * which breaks that rule and no other; and what a failed check means for a site.
 */
import { execFileSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import type { Host } from '../../core/host/index.ts';
import { checkTheme, loadTheme, ThemeInvalid } from '../../core/themes/index.ts';
import { rules } from '../../core/themes/checks/index.ts';
import { REPO, sandbox, type Sandbox } from '../support/sandbox.ts';

const FIXTURES = path.join(REPO, 'test', 'fixtures', 'themes');

/** Each rule's fixture and what its failure must say, where. */
const EXPECTED: Record<string, { file: string; line?: number; message: RegExp }> = {
  GT001: { file: 'package.json', message: /\/version: must be a semantic version/ },
  GT002: { file: 'post.hbs', message: /is missing/ },
  GT003: { file: 'post.hbs', line: 3, message: /template does not compile: unexpected text near ".*\{\{title\}<\/h1>"/ },
  GT004: { file: 'page.hbs', line: 1, message: /uses the layout "wrapper", but wrapper\.hbs does not exist/ },
  GT005: { file: 'index.hbs', line: 3, message: /includes the partial "post-card", which does not exist/ },
  GT006: { file: 'page.hbs', line: 2, message: /calls the helper "shout", which does not exist/ },
  GT007: { file: 'page.hbs', line: 2, message: /reads @custom\.show_sidebar, which package\.json does not declare/ },
  GT008: { file: 'tag.hbs', message: /is missing: tag archives fall back to index\.hbs/ },
  GT009: { file: 'default.hbs', message: /has no \{\{ghost_foot\}\}/ },
  GT010: { file: 'post.hbs', line: 5, message: /asks for the image size "huge"/ },
  GT011: { file: 'locales/de.json', message: /is not valid JSON/ },
  GT012: { file: 'page.hbs', line: 2, message: /asks \{\{#get\}\} for "products"/ },
  GT013: { file: 'package.json', message: /supports Guild \^9\.0\.0, but this is Guild/ },
  GT014: { file: 'package.json', message: /\/name: is "casper" but the folder is "gt014-folder-name"/ },
  GT015: { file: 'package.json', message: /\/author\/email: is required by Ghost \(gscan GS010-PJ-AUT-EM-REQ\)/ },
  GT016: { file: 'post.hbs', line: 2, message: /calls \{\{recommendations\}\}, which renders nothing on Guild \(no recommendations\)/ },
};

const fixtureOf = (code: string) => {
  const rule = rules.find((candidate) => candidate.code === code)!;
  return path.join(FIXTURES, `${code.toLowerCase()}-${rule.name}`);
};

describe('theme checker rules', () => {
  it('numbers every rule and gives it a level, a fatal flag and help', () => {
    expect(rules.map((rule) => rule.code)).toEqual(Object.keys(EXPECTED));
    for (const rule of rules) {
      expect(['error', 'warning', 'recommendation']).toContain(rule.level);
      expect(rule.help.length, rule.code).toBeGreaterThan(20);
      if (rule.fatal) expect(rule.level).toBe('error');
    }
  });

  it('passes the fixture that breaks no rule', async () => {
    const report = await checkTheme(path.join(FIXTURES, 'valid'));
    expect(report.results).toEqual([]);
    expect(report.canActivate).toBe(true);
  });

  for (const [code, expected] of Object.entries(EXPECTED)) {
    it(`${code}: its fixture breaks exactly that rule, at the file and line`, async () => {
      const dir = fixtureOf(code);
      const report = await checkTheme(dir);
      expect(report.results.map((result) => result.code)).toEqual([code]);
      const [result] = report.results;
      expect(result!.failures).toHaveLength(1);
      const [failure] = result!.failures;
      expect(failure!.file).toBe(path.join(dir, expected.file));
      expect(failure!.line).toBe(expected.line);
      expect(failure!.message).toMatch(expected.message);
      expect(report.canActivate).toBe(!result!.fatal);
    });
  }
});

describe('what a check means for a site', () => {
  let box: Sandbox | undefined;
  let host: Host | undefined;

  afterEach(async () => {
    await box?.remove();
    box = host = undefined;
  });

  it('refuses to load a theme with a fatal error, listing it with its rule and help', async () => {
    const error = await loadTheme(fixtureOf('GT005')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ThemeInvalid);
    expect((error as ThemeInvalid).message).toMatch(/index\.hbs line 3: includes the partial "post-card", which does not exist \[GT005 unknown-partials: Create partials/);
  });

  it('loads a theme with warnings and keeps its report for the admin', async () => {
    const theme = await loadTheme(fixtureOf('GT009'));
    expect(theme.report.canActivate).toBe(true);
    expect(theme.report.counts).toEqual({ error: 0, warning: 1, recommendation: 0 });
  });

  it('serves a theme whose folder is named differently from its package.json (Casper-main), with a warning (issue 15)', async () => {
    box = sandbox();
    cpSync(fixtureOf('GT014'), path.join(box.themesDir, 'Casper-main'), { recursive: true });
    box.site('unpacked', { theme: { id: 'Casper-main' } });
    host = await box.host();
    expect((await request(host.app).get('/').set('Host', 'unpacked.localhost')).status).toBe(200);
    const report = await host.themes.report('Casper-main');
    expect(report.results.map((result) => [result.code, result.level])).toEqual([['GT014', 'warning']]);
  });

  it('serves a site on a theme with warnings, and `guild site validate` mentions them', async () => {
    box = sandbox();
    cpSync(fixtureOf('GT009'), path.join(box.themesDir, 'gt009-head-and-foot'), { recursive: true });
    box.site('warned', { theme: { id: 'gt009-head-and-foot' } });
    host = await box.host();
    expect((await request(host.app).get('/').set('Host', 'warned.localhost')).status).toBe(200);
    expect((await host.themes.report('gt009-head-and-foot')).counts.warning).toBe(1);
    const output = execFileSync(process.execPath, [path.join(REPO, 'scripts', 'guild.mjs'), 'site', 'validate', 'warned'], {
      env: { ...process.env, GUILD_SITES: box.sitesDir, GUILD_THEMES: box.themesDir },
      encoding: 'utf8',
    });
    expect(output).toContain('note: theme "gt009-head-and-foot" has 0 error(s), 1 warning(s), 0 recommendation(s) that do not stop it');
    expect(output).toContain('is valid.');
  });

  it('refuses a site on a theme with a fatal error, and `guild site validate` says why', async () => {
    box = sandbox();
    cpSync(fixtureOf('GT002'), path.join(box.themesDir, 'gt002-required-templates'), { recursive: true });
    box.site('broken-theme', { theme: { id: 'gt002-required-templates' } });
    box.site('fine');
    host = await box.host();
    expect((await request(host.app).get('/').set('Host', 'broken-theme.localhost')).status).toBe(503);
    expect((await request(host.app).get('/').set('Host', 'fine.localhost')).status).toBe(200);
    const status = await host.registry.status(host.registry.get('broken-theme')!);
    expect(status.reason).toMatch(/Theme "gt002-required-templates" cannot be used:\n.*post\.hbs \/: is missing \[GT002 required-templates/);

    let output = '';
    try {
      execFileSync(process.execPath, [path.join(REPO, 'scripts', 'guild.mjs'), 'site', 'validate', 'broken-theme'], {
        env: { ...process.env, GUILD_SITES: box.sitesDir, GUILD_THEMES: box.themesDir },
        encoding: 'utf8',
      });
    } catch (error) {
      output = (error as { stdout: string; status: number }).stdout;
      expect((error as { status: number }).status).toBe(1);
    }
    expect(output).toMatch(/post\.hbs \/: is missing \[GT002 required-templates/);
  });
});
