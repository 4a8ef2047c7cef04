// Run semantics of the hook registry, ported from WordPress's own WP_Hook tests
// (tests/phpunit/tests/actions.php, filters.php and hooks/ in wordpress-develop).
import { describe, expect, it } from 'vitest';
import { HookRegistry, asyncAction, asyncFilter, syncAction, syncFilter, type TapFailure } from '../../core/hooks/index.ts';

const OWNER = 'test.suite';

function setup(options: { timeLimitMs?: number } = {}) {
  const failures: TapFailure[] = [];
  const hooks = new HookRegistry({ site: 'test', onFailure: (failure) => failures.push(failure), ...options });
  hooks.declare(`${OWNER}:act`, syncAction<unknown>('test action'), OWNER);
  hooks.declare(`${OWNER}:other`, syncAction<unknown>('another test action'), OWNER);
  hooks.declare(`${OWNER}:filter`, syncFilter<string, unknown>('test filter'), OWNER);
  hooks.declare(`${OWNER}:async-act`, asyncAction<unknown>('test async action'), OWNER);
  hooks.declare(`${OWNER}:async-filter`, asyncFilter<string, unknown>('test async filter'), OWNER);
  const doAction = (name = 'act', payload?: unknown) => hooks.runAs(OWNER, `${OWNER}:${name}`, [payload]);
  const applyFilters = (value: string, name = 'filter') => hooks.runAs(OWNER, `${OWNER}:${name}`, [value, {}]);
  const add = (name: string, fn: (...args: any[]) => unknown, priority?: number, plugin = 'p.one') =>
    hooks.add(`${OWNER}:${name}`, name.includes('filter') ? 'filter' : 'action', fn, plugin, priority);
  return { hooks, failures, doAction, applyFilters, add };
}

function recorder(label: string, log: string[]) {
  return () => {
    log.push(label);
  };
}

describe('hook order', () => {
  it('runs lower priorities first, then in the order taps were added', () => {
    const { add, doAction } = setup();
    const log: string[] = [];
    add('act', recorder('ten-a', log));
    add('act', recorder('nine', log), 9);
    add('act', recorder('ten-b', log), 10);
    add('act', recorder('minus', log), -5);
    doAction();
    expect(log).toEqual(['minus', 'nine', 'ten-a', 'ten-b']);
  });

  it('passes a filter value through each tap in turn', () => {
    const { add, applyFilters } = setup();
    add('filter', (value: string) => `${value}-b`, 20);
    add('filter', (value: string) => `${value}-a`);
    expect(applyFilters('x')).toBe('x-a-b');
  });

  it('keeps the value when a filter tap returns nothing', () => {
    const { add, applyFilters } = setup();
    add('filter', () => undefined);
    expect(applyFilters('kept')).toBe('kept');
  });

  it('keeps the same function added twice at one priority once, but twice at two priorities', () => {
    const { add, doAction, hooks } = setup();
    let calls = 0;
    const fn = () => {
      calls++;
    };
    expect(add('act', fn)).toBe(true);
    expect(add('act', fn)).toBe(false);
    doAction();
    expect(calls).toBe(1);
    add('act', fn, 11);
    doAction();
    expect(calls).toBe(3);
    expect(hooks.has(`${OWNER}:act`, fn)).toBe(10);
  });
});

describe('removal', () => {
  it('removes a tap only at the priority it names', () => {
    const { add, hooks, doAction } = setup();
    const log: string[] = [];
    const fn = recorder('fn', log);
    add('act', fn, 12);
    expect(hooks.remove(`${OWNER}:act`, fn)).toBe(false);
    expect(hooks.has(`${OWNER}:act`, fn)).toBe(12);
    expect(hooks.remove(`${OWNER}:act`, fn, 12)).toBe(true);
    doAction();
    expect(log).toEqual([]);
    expect(hooks.has(`${OWNER}:act`)).toBe(false);
  });

  it('removes all taps, or only those of one priority', () => {
    const { add, hooks } = setup();
    add('filter', () => 'a', 11);
    add('filter', () => 'b', 12);
    hooks.removeAll(`${OWNER}:filter`, 11);
    expect(hooks.taps(`${OWNER}:filter`).map((tap) => tap.priority)).toEqual([12]);
    hooks.removeAll(`${OWNER}:filter`);
    expect(hooks.has(`${OWNER}:filter`)).toBe(false);
  });

  it('lets a tap remove itself while running', () => {
    const { add, hooks, doAction } = setup();
    let calls = 0;
    const selfRemoving = () => {
      calls++;
      hooks.remove(`${OWNER}:act`, selfRemoving);
    };
    add('act', selfRemoving);
    doAction();
    doAction();
    expect(calls).toBe(1);
    expect(hooks.did(`${OWNER}:act`)).toBe(2);
  });

  it('removes every tap of a plugin on every hook', () => {
    const { add, hooks, doAction, applyFilters } = setup();
    const log: string[] = [];
    add('act', recorder('bad', log), 10, 'bad.plugin');
    add('act', recorder('good', log), 10, 'good.plugin');
    add('filter', () => 'bad', 10, 'bad.plugin');
    hooks.removePlugin('bad.plugin');
    doAction();
    expect(log).toEqual(['good']);
    expect(applyFilters('value')).toBe('value');
  });
});

describe('changing a hook while it runs', () => {
  // WordPress ticket 17817: test_action_callback_manipulation_while_running.
  it('runs later priorities afresh but keeps the running priority a snapshot', () => {
    const { add, hooks, doAction } = setup();
    const counts = { a: 0, b: 0, c: 0, d: 0, e: 0 };
    const mock = (key: keyof typeof counts) => () => {
      counts[key]++;
    };
    const [a, b, c, d, e] = [mock('a'), mock('b'), mock('c'), mock('d'), mock('e')];
    const name = `${OWNER}:act`;
    add('act', a, 11);
    add('act', () => {
      hooks.remove(name, b, 12);
      hooks.add(name, 'action', c, 'p.one', 12);
      hooks.add(name, 'action', d, 'p.one', 13);
      hooks.add(name, 'action', e, 'p.one', 10);
    }, 12);
    add('act', b, 12);
    doAction();
    doAction();
    expect(counts.a).toBe(2); // taps run unless told otherwise
    expect(counts.b).toBe(1); // removed by a tap of the same priority: still runs this time
    expect(counts.c).toBe(1); // added at the running priority: waits for the next run
    expect(counts.d).toBe(2); // added at a later priority: runs this time
    expect(counts.e).toBe(1); // added at an earlier priority: waits for the next run
  });

  it('does not run a later tap removed by an earlier one', () => {
    const { add, hooks, doAction } = setup();
    const log: string[] = [];
    const later = recorder('later', log);
    add('act', () => hooks.remove(`${OWNER}:act`, later, 20), 5);
    add('act', later, 20);
    doAction();
    expect(log).toEqual([]);
  });

  // WordPress ticket 17817: test_action_recursion.
  it('runs a hook fired from inside one of its own taps in full, then finishes the outer run', () => {
    const { add, doAction } = setup();
    const counts = { a: 0, b: 0 };
    let recursing = false;
    add('act', () => counts.a++, 11);
    add('act', () => counts.b++, 13);
    add('act', () => {
      if (!recursing) {
        recursing = true;
        doAction();
      }
      recursing = false;
    }, 12);
    doAction();
    expect(counts).toEqual({ a: 2, b: 2 });
  });
});

describe('bookkeeping', () => {
  it('counts runs whether or not a hook has taps', () => {
    const { hooks, doAction } = setup();
    doAction('act');
    for (let i = 0; i < 10; i++) doAction('other');
    expect(hooks.did(`${OWNER}:act`)).toBe(1);
    expect(hooks.did(`${OWNER}:other`)).toBe(10);
    expect(hooks.did(`${OWNER}:filter`)).toBe(0);
  });

  it('tells which hooks are running, innermost first, and at which priority', () => {
    const { add, hooks, doAction } = setup();
    const seen: unknown[] = [];
    add('other', () => {
      seen.push(hooks.current(), hooks.doing(`${OWNER}:act`), hooks.doing(`${OWNER}:other`), hooks.currentPriority());
    }, 7);
    add('act', () => {
      seen.push(hooks.current(), hooks.doing(), hooks.doing(`${OWNER}:other`), hooks.currentPriority());
      doAction('other');
    }, 99);
    expect(hooks.doing()).toBe(false);
    doAction('act');
    expect(seen).toEqual([`${OWNER}:act`, true, false, 99, `${OWNER}:other`, true, true, 7]);
    expect(hooks.doing()).toBe(false);
    expect(hooks.current()).toBeUndefined();
    expect(hooks.currentPriority()).toBe(false);
  });

  it('keeps the running hook apart in concurrent async runs', async () => {
    const { add, hooks } = setup();
    const seen: Array<string | undefined> = [];
    add('async-act', async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      seen.push(hooks.current());
    });
    add('async-filter', async (value: string) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      seen.push(hooks.current());
      return value;
    });
    await Promise.all([hooks.runAs(OWNER, `${OWNER}:async-act`, [null]), hooks.runAs(OWNER, `${OWNER}:async-filter`, ['v', {}])]);
    expect(seen).toEqual([`${OWNER}:async-filter`, `${OWNER}:async-act`]);
  });

  it('keeps the running hooks of two sites apart when one runs inside the other', () => {
    const one = setup();
    const two = setup();
    const seen: unknown[] = [];
    two.add('other', () => {
      seen.push(two.hooks.current(), one.hooks.current(), one.hooks.doing(`${OWNER}:act`), two.hooks.doing(`${OWNER}:act`));
    });
    one.add('act', () => two.doAction('other'));
    one.doAction('act');
    expect(seen).toEqual([`${OWNER}:other`, `${OWNER}:act`, true, false]);
  });

  it('calls the all hook before every other hook with its name and arguments', () => {
    const { add, hooks, doAction, applyFilters } = setup();
    const calls: unknown[] = [];
    const all = (call: { hook: string; args: unknown[] }) => {
      calls.push([call.hook, call.args[0], hooks.current()]);
    };
    hooks.add('all', 'action', all, 'p.debug');
    add('act', () => calls.push('tap'));
    doAction('act', 'payload');
    applyFilters('value');
    expect(calls).toEqual([[`${OWNER}:act`, 'payload', `${OWNER}:act`], 'tap', [`${OWNER}:filter`, 'value', `${OWNER}:filter`]]);
    hooks.remove('all', all);
    doAction();
    expect(calls.slice(3)).toEqual(['tap']);
  });

  it('lists taps in run order with their plugin and priority', () => {
    const { add, hooks } = setup();
    add('act', function late() {}, 20, 'p.two');
    add('act', function early() {}, 5, 'p.one');
    expect(hooks.taps(`${OWNER}:act`)).toEqual([
      { plugin: 'p.one', priority: 5, name: 'early' },
      { plugin: 'p.two', priority: 20, name: 'late' },
    ]);
  });
});

describe('failing taps', () => {
  it('skips a throwing filter tap, keeps the value it had, and reports the plugin', () => {
    const { add, applyFilters, failures } = setup();
    add('filter', (value: string) => `${value}+first`, 1, 'good.one');
    add('filter', () => {
      throw new Error('boom');
    }, 2, 'bad.one');
    add('filter', (value: string) => `${value}+last`, 3, 'good.two');
    expect(applyFilters('v')).toBe('v+first+last');
    expect(failures).toEqual([expect.objectContaining({ hook: `${OWNER}:filter`, plugin: 'bad.one', reason: 'threw: boom' })]);
  });

  it('skips a rejecting async tap and one that never settles', async () => {
    const { add, hooks, failures } = setup({ timeLimitMs: 50 });
    add('async-filter', async () => {
      throw new Error('nope');
    }, 1, 'rejects.one');
    add('async-filter', () => new Promise(() => {}), 2, 'hangs.one');
    add('async-filter', async (value: string) => `${value}!`, 3, 'good.one');
    await expect(hooks.runAs(OWNER, `${OWNER}:async-filter`, ['v', {}])).resolves.toBe('v!');
    expect(failures.map((failure) => [failure.plugin, failure.reason])).toEqual([
      ['rejects.one', 'rejected: nope'],
      ['hangs.one', 'did not finish within 50 ms; skipped'],
    ]);
  });

  it('discards the result of a synchronous tap that overran its time limit', () => {
    const { add, applyFilters, failures } = setup({ timeLimitMs: 20 });
    add('filter', () => {
      const until = Date.now() + 40;
      while (Date.now() < until);
      return 'slow';
    }, 10, 'slow.one');
    expect(applyFilters('v')).toBe('v');
    expect(failures[0]?.reason).toMatch(/^ran for \d+ ms, over the 20 ms limit/);
  });

  it('refuses a promise returned into a synchronous hook', () => {
    const { add, applyFilters, failures } = setup();
    add('filter', async () => 'async', 10, 'confused.one');
    expect(applyFilters('v')).toBe('v');
    expect(failures[0]?.reason).toContain('is a synchronous hook');
  });
});

describe('the protocol', () => {
  it('refuses unknown core hooks and the wrong kind, with coded errors', () => {
    const { hooks } = setup();
    expect(() => hooks.add('theme:haed', 'filter', () => '', 'p.one')).toThrow(expect.objectContaining({ code: 'GUILD_ERR_HOOK_UNKNOWN' }));
    expect(() => hooks.add('theme:head', 'action', () => {}, 'p.one')).toThrow(expect.objectContaining({ code: 'GUILD_ERR_HOOK_KIND' }));
    expect(() => hooks.add('theme:head', 'filter', () => '', 'p.one', 1.5)).toThrow(expect.objectContaining({ code: 'GUILD_ERR_HOOK_PRIORITY' }));
  });

  it('lets only the owner run a plugin hook, and only under its own name', () => {
    const { hooks } = setup();
    expect(() => hooks.runAs('other.plugin', `${OWNER}:act`, [null])).toThrow(expect.objectContaining({ code: 'GUILD_ERR_HOOK_NOT_OWNER' }));
    expect(() => hooks.runAs('other.plugin', 'site:ready', [null])).toThrow(expect.objectContaining({ code: 'GUILD_ERR_HOOK_NOT_OWNER' }));
    expect(() => hooks.declare('acme.seo:meta', syncAction('x'), 'other.plugin')).toThrow(expect.objectContaining({ code: 'GUILD_ERR_HOOK_DECLARATION' }));
    expect(() => hooks.declare(`${OWNER}:act`, syncAction('x'), 'another.owner')).toThrow(/named "another.owner:<name>"/);
  });

  it('keeps taps on a plugin hook that is not declared yet and runs them once it is', () => {
    const { hooks } = setup();
    const log: string[] = [];
    hooks.add('acme.seo:meta', 'filter', (value: string) => `${value}+tap`, 'p.one');
    hooks.declare('acme.seo:meta', syncFilter<string, unknown>('meta tags'), 'acme.seo');
    log.push(hooks.runAs('acme.seo', 'acme.seo:meta', ['v', {}]) as string);
    expect(log).toEqual(['v+tap']);
  });

  it('runs typed core hooks', async () => {
    const { hooks } = setup();
    hooks.add('robots:txt', 'filter', (text: string) => `${text}\nDisallow: /private/`, 'p.one');
    const site = { id: 's', title: 'S', description: '', url: 'http://s', locale: 'en', timezone: 'UTC', logo: null, icon: null, builtBy: 'me' };
    expect(hooks.run('robots:txt', 'User-agent: *', { site })).toBe('User-agent: *\nDisallow: /private/');
    await expect(hooks.run('sitemap:entries', [], { site })).resolves.toEqual([]);
  });
});

// Issue 11 item 9: the behaviours WordPress's own hook tests check that Guild used to miss.
describe('WordPress parity', () => {
  it('refuses to apply an action as a filter or do a filter as an action (GUILD_ERR_HOOK_KIND)', () => {
    const { hooks, add } = setup();
    add('act', () => 'chained');
    add('filter', (value: string) => `${value}!`);
    expect(() => hooks.runAs(OWNER, `${OWNER}:act`, ['v', {}], 'filter')).toThrow(expect.objectContaining({ code: 'GUILD_ERR_HOOK_KIND' }));
    expect(() => hooks.runAs(OWNER, `${OWNER}:filter`, ['v'], 'action')).toThrow(/is a filter; it cannot be used as an action/);
    // Refused runs are not counted as runs.
    expect(hooks.did(`${OWNER}:act`)).toBe(0);
    expect(hooks.runAs(OWNER, `${OWNER}:filter`, ['v', {}], 'filter')).toBe('v!');
  });

  // tests/phpunit/tests/actions.php test_action_args_2, filters.php test_filter_with_args.
  it('passes every argument of a run to every tap, sync and async', async () => {
    const { hooks, add } = setup();
    const seen: unknown[][] = [];
    add('filter', (...args: unknown[]) => {
      seen.push(args);
      return `${args[0]}+a`;
    }, 5);
    add('filter', (...args: unknown[]) => {
      seen.push(args);
      return `${args[0]}+b`;
    });
    add('act', (...args: unknown[]) => void seen.push(args));
    add('async-act', async (...args: unknown[]) => void seen.push(args));
    expect(hooks.runAs(OWNER, `${OWNER}:filter`, ['v', 'one', 'two', 'three'])).toBe('v+a+b');
    hooks.runAs(OWNER, `${OWNER}:act`, ['p', 'one', 'two']);
    await hooks.runAs(OWNER, `${OWNER}:async-act`, ['p', 'one', 'two', 'three']);
    expect(seen).toEqual([
      ['v', 'one', 'two', 'three'],
      ['v+a', 'one', 'two', 'three'],
      ['p', 'one', 'two'],
      ['p', 'one', 'two', 'three'],
    ]);
    // Fewer arguments the next time: the taps get exactly those.
    seen.length = 0;
    hooks.runAs(OWNER, `${OWNER}:act`, ['only']);
    expect(seen).toEqual([['only']]);
  });

  // tests/phpunit/tests/actions.php test_has_action, hooks/removeAllFilters.php.
  it('has answers the priority or false with a function, whether any tap without; removeAll by priority', () => {
    const { hooks, add } = setup();
    const name = `${OWNER}:filter`;
    const fn = (value: string) => value;
    expect(hooks.has(name, fn)).toBe(false);
    expect(hooks.has(name)).toBe(false);
    add('filter', fn, 0);
    expect(hooks.has(name, fn)).toBe(0); // priority 0 is a priority, not false
    expect(hooks.has(name)).toBe(true);
    add('filter', () => 'x', 12);
    hooks.removeAll(name, 11);
    expect(hooks.has(name)).toBe(true);
    hooks.removeAll(name, 0);
    expect(hooks.has(name, fn)).toBe(false);
    expect(hooks.has(name)).toBe(true);
    hooks.removeAll(name);
    expect(hooks.has(name)).toBe(false);
  });

  // tests/phpunit/tests/hooks/hasFilter.php (ticket 64186): a function tapped at two priorities.
  it('has answers the lowest priority of a function tapped twice, and whether it is tapped at a given one', () => {
    const { hooks, add } = setup();
    const name = `${OWNER}:filter`;
    const fn = (value: string) => value;
    add('filter', fn, 10);
    add('filter', fn, 1);
    expect(hooks.has(name, fn)).toBe(1);
    expect(hooks.has(name, fn, 10)).toBe(true);
    expect(hooks.has(name, fn, 5)).toBe(false);
  });

  it('does not leak doing() and current() into timers and promises a tap leaves running', async () => {
    const { hooks, add, doAction } = setup();
    const seen: unknown[] = [];
    let later!: Promise<void>;
    add('act', () => {
      later = (async () => {
        await Promise.resolve();
        seen.push(['promise', hooks.doing(), hooks.current(), hooks.currentPriority()]);
        await new Promise((resolve) => setTimeout(resolve, 5));
        seen.push(['timer', hooks.doing(`${OWNER}:act`), hooks.current(), hooks.currentPriority()]);
      })();
    }, 3);
    doAction();
    await later;
    expect(seen).toEqual([
      ['promise', false, undefined, false],
      ['timer', false, undefined, false],
    ]);
  });

  it('still sees an async hook as running across the awaits of its own taps, and not after', async () => {
    const { hooks, add } = setup();
    const seen: unknown[] = [];
    let outlived!: Promise<void>;
    add('async-act', async () => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      seen.push(hooks.current(), hooks.currentPriority());
      outlived = new Promise((resolve) => setTimeout(resolve, 10)).then(() => void seen.push(hooks.doing()));
    }, 4);
    await hooks.runAs(OWNER, `${OWNER}:async-act`, [null]);
    await outlived;
    expect(seen).toEqual([`${OWNER}:async-act`, 4, false]);
  });
});
