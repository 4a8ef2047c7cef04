// What a site records beside its posts (which plugins were installed and switched off, the
// entries of plugins' content types) lives with its content on either engine, so every host
// of a network sees one record: a plugin's install step runs once, not once per host.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { contentSql, EntryStore, type EngineContentStore } from '../../core/content/index.ts';
import { PluginInstalls, PluginSwitchOffs } from '../../core/site/plugin-state.ts';
import { describeEachStore, type OpenedStore } from '../support/stores.ts';

describeEachStore('a site’s plugin records and entries', (engine) => {
  let opened: OpenedStore;
  let otherHost: EngineContentStore;

  beforeEach(async () => {
    opened = await engine.open();
    otherHost = (await opened.again()) as EngineContentStore;
  });
  afterEach(() => opened.remove());
  const sql = () => contentSql(opened.store as EngineContentStore);

  it('claims a plugin’s install once across hosts, and notes an upgrade', () => {
    const here = new PluginInstalls(sql());
    const there = new PluginInstalls(contentSql(otherHost));
    expect(here.claim('acme.forms', '1.0.0')).toBe(true);
    expect(there.claim('acme.forms', '1.0.0')).toBe(false);
    expect(there.recordVersion('acme.forms', '1.1.0')).toBe('1.0.0');
    expect(here.get('acme.forms')).toMatchObject({ plugin: 'acme.forms', version: '1.1.0' });
    here.forget('acme.forms');
    expect(there.get('acme.forms')).toBeUndefined();
  });

  it('keeps the latest reason a plugin was switched off until it is switched back on', () => {
    const switchOffs = new PluginSwitchOffs(sql());
    switchOffs.record('acme.forms', 'threw 5 times');
    switchOffs.record('acme.forms', 'ran out of time');
    expect(new PluginSwitchOffs(contentSql(otherHost)).get('acme.forms')).toMatchObject({ reason: 'ran out of time' });
    expect(switchOffs.clear('acme.forms')).toBe(true);
    expect(switchOffs.clear('acme.forms')).toBe(false);
  });

  it('stores entries with unique slugs per type, pages them newest first, and drops a plugin’s', () => {
    let changes = 0;
    const entries = new EntryStore(sql(), () => changes++);
    const first = entries.create('acme.folio', 'project', { title: 'Bridge', fields: { year: 2024 } });
    const second = entries.create('acme.folio', 'project', { title: 'Bridge', status: 'draft' });
    entries.create('acme.quotes', 'quote', { title: 'Bridge' });
    expect([first.slug, second.slug]).toEqual(['bridge', 'bridge-2']);
    expect(entries.list('project').items.map((entry) => entry.slug)).toEqual(['bridge']);
    expect(entries.list('project', { status: 'any', limit: 1, page: 2 })).toMatchObject({ total: 2, pages: 2, items: [{ slug: 'bridge' }] });
    expect(entries.update(first.id, { fields: { place: 'Porto' } })?.fields).toEqual({ year: 2024, place: 'Porto' });
    expect(new EntryStore(contentSql(otherHost), () => {}).get('project', 'bridge')?.fields).toEqual({ year: 2024, place: 'Porto' });
    expect(entries.deletePlugin('acme.folio')).toBe(2);
    expect(entries.list('quote').total).toBe(1);
    expect(changes).toBe(5);
  });
});
