/**
 * The ledger: every sale split into the network's fee and the author's share, every payout
 * to an author, all in integer minor units. The fee is rounded once, half up, and the author's
 * share is what is left, so a sale always splits into exactly its price: no rounding can make
 * or lose a cent, and the totals of any set of sales balance.
 */
import type { DirectorySql } from './store/sql.ts';

export interface Split {
  readonly gross: number;
  readonly fee: number;
  readonly authorShare: number;
}

/** Splits an amount (minor units) by a fee in basis points (300 = 3%). */
export function splitSale(gross: number, feeBasisPoints: number): Split {
  if (!Number.isSafeInteger(gross) || gross < 0) throw new RangeError(`a sale must be a whole, non-negative number of minor units, not ${gross}`);
  if (!Number.isInteger(feeBasisPoints) || feeBasisPoints < 0 || feeBasisPoints > 10_000) throw new RangeError(`the fee must be 0 to 10000 basis points, not ${feeBasisPoints}`);
  const fee = Number((BigInt(gross) * BigInt(feeBasisPoints) + 5_000n) / 10_000n);
  return { gross, fee, authorShare: gross - fee };
}

/** Records a sale for an author, in the caller's transaction. */
export function recordSale(db: DirectorySql, sale: { orderId: string; author: string; currency: string; split: Split; now: string }): void {
  db.run(
    `INSERT INTO ledger (kind, order_id, handle, currency, gross, fee, author_share, created_at)
     VALUES ('sale', @orderId, @author, @currency, @gross, @fee, @authorShare, @now)`,
    { ...sale, ...sale.split },
  );
}

export interface PayoutLine {
  readonly handle: string;
  readonly currency: string;
  readonly sales: number;
  readonly gross: number;
  readonly fee: number;
  readonly authorShare: number;
  readonly paidOut: number;
  /** What the author is owed now: their share less what was paid out. */
  readonly owed: number;
}

export interface PayoutReport {
  readonly lines: readonly PayoutLine[];
  /** Per currency: gross, fees, shares, paid out and owed over every author; gross = fees + shares always. */
  readonly totals: readonly (Omit<PayoutLine, 'handle'> & { readonly balanced: boolean })[];
}

/** What each developer is owed, per currency. */
export function payouts(db: DirectorySql): PayoutReport {
  const lines = db
    .all<Omit<PayoutLine, 'owed'>>(
      `SELECT handle, currency,
              SUM(CASE WHEN kind = 'sale' THEN 1 ELSE 0 END) AS sales,
              SUM(CASE WHEN kind = 'sale' THEN gross ELSE 0 END) AS gross,
              SUM(CASE WHEN kind = 'sale' THEN fee ELSE 0 END) AS fee,
              SUM(CASE WHEN kind = 'sale' THEN author_share ELSE 0 END) AS "authorShare",
              SUM(CASE WHEN kind = 'payout' THEN author_share ELSE 0 END) AS "paidOut"
       FROM ledger GROUP BY handle, currency ORDER BY currency, handle`,
    )
    .map((line) => ({ ...line, owed: line.authorShare - line.paidOut }));
  const byCurrency = new Map<string, Omit<PayoutLine, 'handle'>>();
  for (const line of lines) {
    const total = byCurrency.get(line.currency) ?? { currency: line.currency, sales: 0, gross: 0, fee: 0, authorShare: 0, paidOut: 0, owed: 0 };
    byCurrency.set(line.currency, {
      currency: line.currency,
      sales: total.sales + line.sales,
      gross: total.gross + line.gross,
      fee: total.fee + line.fee,
      authorShare: total.authorShare + line.authorShare,
      paidOut: total.paidOut + line.paidOut,
      owed: total.owed + line.owed,
    });
  }
  return { lines, totals: [...byCurrency.values()].map((total) => ({ ...total, balanced: total.gross === total.fee + total.authorShare })) };
}

/** Records that every author was paid what they are owed; returns the payouts made. */
export function settlePayouts(db: DirectorySql, now: string): PayoutLine[] {
  return db.transaction(() => {
    const owed = payouts(db).lines.filter((line) => line.owed > 0);
    for (const line of owed) {
      db.run(
        `INSERT INTO ledger (kind, order_id, handle, currency, gross, fee, author_share, created_at)
         VALUES ('payout', NULL, @handle, @currency, 0, 0, @owed, @now)`,
        { handle: line.handle, currency: line.currency, owed: line.owed, now },
      );
    }
    return owed;
  });
}

/** "EUR 49.00" from 4900 minor units (two decimals; enough for the currencies the demo uses). */
export function formatMoney(amount: number, currency: string): string {
  const sign = amount < 0 ? '-' : '';
  const whole = Math.abs(amount);
  return `${currency} ${sign}${Math.floor(whole / 100)}.${String(whole % 100).padStart(2, '0')}`;
}
