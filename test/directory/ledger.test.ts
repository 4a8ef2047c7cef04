/** The ledger: fees round once, shares take the rest, and no set of sales ever gains or loses a cent. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Directory, splitSale } from '../../core/directory/index.ts';
import { describeEachHost } from '../support/stores.ts';

describe('splitting a sale', () => {
  it('takes 3% by default, rounded half up, and gives the author the rest', () => {
    expect(splitSale(4900, 300)).toEqual({ gross: 4900, fee: 147, authorShare: 4753 });
    expect(splitSale(50, 300)).toEqual({ gross: 50, fee: 2, authorShare: 48 }); // 1.5 rounds up
    expect(splitSale(49, 300)).toEqual({ gross: 49, fee: 1, authorShare: 48 }); // 1.47 rounds down
    expect(splitSale(0, 300)).toEqual({ gross: 0, fee: 0, authorShare: 0 });
  });

  it('never makes or loses a cent, whatever the amount and the fee', () => {
    for (const fee of [0, 1, 250, 300, 333, 725, 10_000]) {
      let gross = 0;
      let fees = 0;
      let shares = 0;
      for (let amount = 0; amount < 3000; amount += 7) {
        const split = splitSale(amount, fee);
        expect(split.fee + split.authorShare).toBe(amount);
        expect(split.fee).toBeGreaterThanOrEqual(0);
        expect(split.authorShare).toBeGreaterThanOrEqual(0);
        gross += split.gross;
        fees += split.fee;
        shares += split.authorShare;
      }
      expect(fees + shares).toBe(gross);
    }
  });

  it('refuses amounts that are not whole minor units', () => {
    expect(() => splitSale(19.99, 300)).toThrow('whole, non-negative number of minor units');
    expect(() => splitSale(-100, 300)).toThrow();
    expect(() => splitSale(100, 10_001)).toThrow('basis points');
  });
});

describeEachHost('payouts', (engine) => {
  let dir: string;
  let dropDatabase: () => Promise<void>;
  afterEach(async () => {
    rmSync(dir, { recursive: true, force: true });
    await dropDatabase();
  });

  it('owes each author their shares, balances per currency, and settles to zero', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'guild-ledger-'));
    const place = await engine.prepare();
    dropDatabase = place.drop;
    const directory = await Directory.open({ dataDir: dir, feeBasisPoints: 333, ...place.options });
    const sales: Array<[string, string, number]> = [['mira', 'EUR', 1999], ['mira', 'EUR', 1], ['mira', 'USD', 4999], ['tom', 'EUR', 12345], ['tom', 'EUR', 3]];
    for (const [handle, currency, amount] of sales) {
      const split = splitSale(amount, directory.feeBasisPoints);
      directory.sql.run(
        "INSERT INTO ledger (kind, order_id, handle, currency, gross, fee, author_share, created_at) VALUES ('sale', NULL, @handle, @currency, @gross, @fee, @authorShare, '2026-01-01')",
        { handle, currency, ...split },
      );
    }
    const report = directory.payouts();
    expect(report.lines.map((line) => [line.handle, line.currency, line.sales, line.gross])).toEqual([
      ['mira', 'EUR', 2, 2000],
      ['tom', 'EUR', 2, 12348],
      ['mira', 'USD', 1, 4999],
    ]);
    for (const line of report.lines) expect(line.fee + line.authorShare).toBe(line.gross);
    expect(report.totals.map((total) => [total.currency, total.gross, total.balanced])).toEqual([['EUR', 14348, true], ['USD', 4999, true]]);

    const settled = directory.settlePayouts();
    expect(settled.map((line) => [line.handle, line.currency, line.owed])).toEqual(report.lines.map((line) => [line.handle, line.currency, line.authorShare]));
    expect(directory.payouts().lines.every((line) => line.owed === 0)).toBe(true);
    directory.close();
  });
});
