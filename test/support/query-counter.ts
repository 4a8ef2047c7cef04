/**
 * Counts the SQL statements this process runs, by wrapping better-sqlite3's statement methods:
 * the real queries of a real store, with nothing of the store changed for the test. The store's
 * version check (PRAGMA data_version) is left out: it runs at most every 50 ms, so how often it
 * runs in a page depends on the clock (a slow, loaded machine), not on the page.
 */
import Database from 'better-sqlite3';

const METHODS = ['all', 'get', 'run', 'iterate'] as const;
const VERSION_CHECK = 'PRAGMA data_version';

export function countQueries(): { count: () => number; reset: () => void; restore: () => void } {
  const probe = new Database(':memory:');
  const prototype = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<string, (...args: unknown[]) => unknown>;
  probe.close();
  let count = 0;
  const originals = METHODS.map((name) => [name, prototype[name]!] as const);
  for (const [name, original] of originals) {
    prototype[name] = function (this: { source?: string }, ...args: unknown[]) {
      if (this.source !== VERSION_CHECK) count++;
      return original.apply(this, args);
    };
  }
  return {
    count: () => count,
    reset: () => {
      count = 0;
    },
    restore: () => {
      for (const [name, original] of originals) prototype[name] = original;
    },
  };
}
