/**
 * How a directory takes money: a provider starts collecting an order and says whether the
 * money is in ("paid") or will be confirmed later ("pending"). The directory issues the licence
 * and writes the ledger only once an order is paid, whichever provider took the money.
 *
 * The shipped provider sends an invoice and works offline: the operator confirms each payment
 * ("guild directory confirm <order>") when it reaches the bank. A card processor plugs in the
 * same way: begin() opens a checkout session and returns "pending" with its URL as the
 * instructions, and the processor's webhook calls Directory.confirmPayment(order, reference).
 */
import { formatMoney } from './ledger.ts';

export interface OrderToPay {
  readonly id: string;
  readonly packageId: string;
  readonly buyer: string;
  readonly seats: number;
  /** Minor units. */
  readonly amount: number;
  readonly currency: string;
  readonly createdAt: string;
}

export interface PaymentStart {
  readonly status: 'paid' | 'pending';
  /** The provider's own reference: an invoice number, a checkout session id. */
  readonly reference: string;
  /** What the buyer must do next, in a sentence or two (empty when paid). */
  readonly instructions: string;
}

export interface PaymentProvider {
  /** A short name stored with each order, e.g. "invoice" or "stripe". */
  readonly id: string;
  begin(order: OrderToPay): Promise<PaymentStart>;
}

export interface InvoiceOptions {
  /** Who the buyer pays and how, printed on every invoice. */
  readonly payee?: string;
  /** Days the buyer has to pay. */
  readonly dueDays?: number;
}

/** Invoices paid by bank transfer; the operator confirms each payment by hand. */
export class InvoiceProvider implements PaymentProvider {
  readonly id = 'invoice';
  readonly #payee: string;
  readonly #dueDays: number;

  constructor(options: InvoiceOptions = {}) {
    this.#payee = options.payee ?? "the directory operator's bank account";
    this.#dueDays = options.dueDays ?? 14;
  }

  async begin(order: OrderToPay): Promise<PaymentStart> {
    const reference = `INV-${order.id.replace(/^ord_/, '').toUpperCase()}`;
    const due = new Date(Date.parse(order.createdAt) + this.#dueDays * 86_400_000).toISOString().slice(0, 10);
    const amount = formatMoney(order.amount, order.currency);
    return {
      status: 'pending',
      reference,
      instructions: `Invoice ${reference}: pay ${amount} to ${this.#payee} by ${due}, quoting ${reference}.`,
    };
  }
}
