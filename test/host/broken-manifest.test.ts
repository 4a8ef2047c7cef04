// Issue 13 (item 5): a site.json that breaks keeps the site up on the last valid version; a site
// that never had a valid one answers 503 on all its domains; a deleted site folder is dropped.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureLog, eventually, sandbox, type Sandbox } from '../support/sandbox.ts';

describe('a site whose site.json breaks', () => {
  let box: Sandbox;
  beforeEach(() => {
    box = sandbox();
  });
  afterEach(() => box.remove());

  it('keeps serving the last valid version on every domain, and says where the file is wrong', async () => {
    const file = box.site('bakery', { title: 'Harbour Bakery', domains: ['bakery.example'] });
    const { log, lines } = captureLog();
    const host = await box.host({ log });
    expect((await request(host.app).get('/').set('Host', 'bakery.example')).status).toBe(200);

    const text = JSON.stringify({ guild: 1, id: 'bakery', title: 'Harbour Bakery', domains: ['bakery.example'], theme: { id: 'journal', colour: 'red' }, builtBy: 'tester' }, null, 2);
    writeFileSync(file, text);
    const problem = await eventually(() => {
      const found = lines().find((line) => String(line.msg).includes('still serving the last valid version'));
      expect(found).toBeDefined();
      return String(found!.msg);
    });
    // The line of "colour" in the file, and its JSON path.
    const line = text.split('\n').findIndex((row) => row.includes('"colour"')) + 1;
    expect(problem).toContain(`site.json:${line} /theme/colour:`);
    for (const hostname of ['bakery.example', 'bakery.localhost']) {
      const page = await request(host.app).get('/').set('Host', hostname);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Harbour Bakery');
    }
    const status = await host.registry.status(host.registry.get('bakery')!);
    expect(status).toMatchObject({ state: 'serving', manifestProblems: [expect.stringContaining('/theme/colour')] });

    writeFileSync(file, '{ "guild": 1, "id": "bakery", ');
    await eventually(async () => expect((await host.registry.status(host.registry.get('bakery')!)).manifestProblems[0]).toContain('is not valid JSON'));
    expect((await request(host.app).get('/').set('Host', 'bakery.example')).status).toBe(200);

    box.site('bakery', { title: 'Fixed Bakery', domains: ['bakery.example'] });
    await eventually(async () => expect((await request(host.app).get('/').set('Host', 'bakery.example')).text).toContain('Fixed Bakery'));
    expect((await host.registry.status(host.registry.get('bakery')!)).manifestProblems).toEqual([]);
  });

  it('keeps serving when theme.id is edited by hand to a theme that refuses the old settings', async () => {
    box.site('bakery', { title: 'Harbour Bakery', domains: ['bakery.example'], theme: { id: 'journal', settings: { header_style: 'Left aligned' } } });
    const host = await box.host();
    expect((await request(host.app).get('/').set('Host', 'bakery.example')).status).toBe(200);
    box.site('bakery', { title: 'Harbour Bakery', domains: ['bakery.example'], theme: { id: 'atelier', settings: { header_style: 'Left aligned' } } });
    await eventually(async () => expect((await host.registry.status(host.registry.get('bakery')!)).manifestProblems.join('\n')).toMatch(/site\.json:\d+ \/theme\/settings\/header_style: is not a setting of theme/));
    const page = await request(host.app).get('/').set('Host', 'bakery.example');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Harbour Bakery');
  });

  it('answers 503, never 404, on the custom domains of a site that never had a valid site.json', async () => {
    box.write('sites/broken/site.json', '{\n  "guild": 1,\n  "id": "broken",\n  "domains": ["broken.example", "www.broken.example"],\n  "title": \n}\n');
    box.site('valid', { domains: ['valid.example'] });
    box.write('sites/schemaless/site.json', { guild: 1, id: 'schemaless', domains: ['schemaless.example'], builtBy: 'Not A Handle' });
    const host = await box.host();
    for (const hostname of ['broken.example', 'www.broken.example', 'broken.localhost', 'schemaless.example']) {
      expect((await request(host.app).get('/').set('Host', hostname)).status).toBe(503);
    }
    expect((await request(host.app).get('/').set('Host', 'valid.example')).status).toBe(200);
    expect((await host.registry.status(host.registry.get('broken')!)).domains).toEqual(['broken.example', 'www.broken.example', 'broken.localhost']);
  });

  it('drops a site whose folder is deleted while the host runs', async () => {
    box.site('gone', { domains: ['gone.example'] });
    box.site('stays');
    const host = await box.host();
    expect((await request(host.app).get('/').set('Host', 'gone.example')).status).toBe(200);
    rmSync(path.join(box.sitesDir, 'gone'), { recursive: true, force: true });
    await eventually(async () => {
      expect(host.registry.get('gone')).toBeUndefined();
      expect((await request(host.app).get('/').set('Host', 'gone.example')).status).toBe(404);
    });
    // Events still in flight must not bring it back.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(host.registry.entries().map((entry) => entry.slug)).toEqual(['stays']);
  });
});
