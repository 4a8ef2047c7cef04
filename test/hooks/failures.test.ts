// When a failing plugin is switched off: 5 failures within a minute, counted per plugin.
import { expect, it } from 'vitest';
import { FailureWindow } from '../../core/hooks/index.ts';

it('trips on the fifth failure within the window, per plugin', () => {
  let now = 0;
  const window = new FailureWindow({ now: () => now });
  for (let i = 0; i < 4; i++) expect(window.record('a.plugin')).toBe(false);
  expect(window.record('other.plugin')).toBe(false);
  expect(window.record('a.plugin')).toBe(true);
});

it('forgets failures older than the window, and all of them when told to', () => {
  let now = 0;
  const window = new FailureWindow({ limit: 3, windowMs: 1000, now: () => now });
  window.record('p.one');
  window.record('p.one');
  now = 1500;
  expect(window.record('p.one')).toBe(false);
  window.record('p.one');
  window.forget('p.one');
  expect(window.record('p.one')).toBe(false);
});
