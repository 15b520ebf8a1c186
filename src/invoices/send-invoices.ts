import { errorMessage, isOrderSpecific, isRunLevel } from '../core/errors';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../core/time/durations';
import type { DscoInvoice } from '../dsco/dsco-invoice-types';
import { type CycleContext, markError } from '../sync/cycle/cycle-context';
import type { StepOutcome } from '../sync/cycle/cycle-steps';
import type { Frozen } from '../core/types/frozen';
import type { OrderInvoice, OrderRecord, RecordView } from '../sync/orders/order-record';
import { absorbDscoOrder, setInvoice } from '../sync/orders/order-state';
import { buildInvoice } from './build-invoice';
import { type InvoicePlan, invoicesDue } from './invoices-due';
import { InvoicesInFlight } from './invoices-in-flight';

/**
 * An invoice whose answer was lost and that DSCO does not show after this long is sent again (DSCO
 * shows an invoice only after its post-processing; a resend under the same ID cannot bill twice).
 */
export const INVOICE_LOST_GRACE_MS = HOUR_MS;
/**
 * An unconfirmed invoice that DSCO refuses when sent again was probably created the first time (DSCO
 * refuses a reused ID) and is still being processed: it is looked up again, and becomes an Error
 * only when DSCO still does not show it this long after the first attempt.
 */
export const INVOICE_GIVE_UP_MS = DAY_MS;
/** Script Property: from when orders are invoiced (set when a cycle first sees invoicing on); orders shipped before are not. */
export const INVOICES_SINCE_KEY = 'invoices.since';
/** The cycle that first sees invoicing on counts the shipments it recorded itself (earlier in the same cycle). */
const SINCE_SLACK_MS = 15 * MINUTE_MS;
/** Invoices are sent in groups; each group's markers are written before its calls. */
const GROUP = 20;

interface Work {
  record: OrderRecord;
  plan: InvoicePlan;
  entry?: OrderInvoice;
}

/**
 * Sends each invoice the orders call for (invoices-due.ts) with POST /invoice, one by one: the spec
 * makes it synchronous (201 = created), so the outcome is known on the call and no change log needs
 * reading (the asynchronous /invoice/batch/small would only tell it later, in /invoice/log). The
 * invoice ID is stable; an invoice attempted before (answer lost, run stopped, or refused) is first
 * looked up by ID with GET /invoice, which the spec offers, and sent again only if DSCO does not
 * have it. A refusal makes the row an Error with DSCO's reason; Retry failed orders sends it again.
 * Test orders are invoiced only while test orders are included.
 */
/**
 * Whether an order still owes DSCO an invoice this sync would send (invoicing on, an invoice due
 * and not sent). Such an order stays in the working book, finished or not: the daily archive must
 * not take it away before it is billed.
 */
export function invoiceStillOwed(ctx: CycleContext): (r: RecordView) => boolean {
  const since = Number(ctx.store.get(INVOICES_SINCE_KEY));
  if (!ctx.settings.sendInvoices || !Number.isFinite(since) || since <= 0) return () => false;
  return (r) =>
    !(r.testOrder && !ctx.settings.includeTestOrders) &&
    invoicesDue(r, ctx.settings.invoicePer, since).some((plan) => r.invoices?.find((i) => i.invoiceId === plan.invoiceId)?.state !== 'sent');
}

export function sendInvoices(ctx: CycleContext): StepOutcome | void {
  const inFlight = new InvoicesInFlight(ctx.store);
  if (!ctx.settings.sendInvoices) {
    ctx.store.delete(INVOICES_SINCE_KEY);
    return;
  }
  const now = ctx.clock.now();
  let since = Number(ctx.store.get(INVOICES_SINCE_KEY));
  if (!Number.isFinite(since) || since <= 0) {
    since = now - SINCE_SLACK_MS;
    ctx.store.set(INVOICES_SINCE_KEY, String(since));
  }
  // Markers of a run that stopped mid-way: those invoices may be in DSCO.
  const leftOver = inFlight.pending();
  for (const m of leftOver) {
    const record = ctx.book.get(m.dscoOrderId);
    const known = record?.invoices?.find((i) => i.invoiceId === m.invoiceId);
    if (record && !known) setInvoice(record, { invoiceId: m.invoiceId, covers: m.covers, state: 'unconfirmed', totalAmount: m.totalAmount }, m.at);
  }
  const work: Work[] = [];
  // A row waiting for a person is not billed until it is cleared; an invoice refusal only by Retry.
  const billable = (r: RecordView) => !(r.testOrder && !ctx.settings.includeTestOrders) && !(r.failedStep && (r.failedStep !== 'invoice' || !ctx.retrying));
  const open = (entry: Frozen<OrderInvoice> | undefined) => !(entry?.state === 'sent' || (entry?.state === 'refused' && !ctx.retrying));
  const due = (r: RecordView) => invoicesDue(r, ctx.settings.invoicePer, since).filter((plan) => open(r.invoices?.find((i) => i.invoiceId === plan.invoiceId)));
  // Only the orders with an invoice to send are handed out to be changed.
  for (const record of ctx.book.select((r) => billable(r) && due(r).length > 0)) {
    for (const plan of due(record)) work.push({ record, plan, entry: record.invoices?.find((i) => i.invoiceId === plan.invoiceId) });
  }
  for (let i = 0; i < work.length; i += GROUP) {
    if (ctx.budget.expired()) {
      ctx.summary.deferred = true;
      break;
    }
    const group = work.slice(i, i + GROUP).filter((w) => !alreadyInDsco(ctx, w));
    const ready = group.map((w) => ({ w, built: priced(ctx, w) })).filter((x) => x.built !== undefined);
    inFlight.write(ready.map(({ w, built }) => ({ invoiceId: w.plan.invoiceId, dscoOrderId: w.record.dscoOrderId, covers: w.plan.covers, totalAmount: built!.totalAmount, at: ctx.clock.now() })));
    for (const { w, built } of ready) send(ctx, w, built!);
  }
  // Once the records are saved they hold every invoice's state: the markers can go.
  if (!leftOver.length && !work.length) return;
  return { afterSave: () => inFlight.clear() };
}

/** An invoice attempted before is looked up first: found means DSCO has it, and it is never sent again. */
function alreadyInDsco(ctx: CycleContext, w: Work): boolean {
  if (!w.entry) return false;
  const found = ctx.dsco.findInvoices(w.plan.invoiceId).some((inv) => inv.invoiceId === w.plan.invoiceId);
  const now = ctx.clock.now();
  if (found) {
    setInvoice(w.record, { invoiceId: w.plan.invoiceId, covers: w.plan.covers, state: 'sent', totalAmount: w.entry.totalAmount }, now);
    ctx.log.info('SS → DSCO', w.record.dscoOrderId, `DSCO already has invoice ${w.plan.invoiceId} from an earlier attempt; not sent again.`);
    return true;
  }
  // Not visible yet may mean DSCO is still processing it: wait before sending it again.
  return w.entry.state === 'unconfirmed' && now - w.entry.at < INVOICE_LOST_GRACE_MS;
}

/** The invoice with its amounts, or undefined (the row flagged) when a line has no cost. */
function priced(ctx: CycleContext, w: Work): DscoInvoice | undefined {
  let built = buildInvoice(w.record, w.plan);
  if (!built.ok && ctx.retrying) {
    // The retailer may have set the cost since: read the order again.
    const order = ctx.dsco.getOrder(w.record.dscoOrderId);
    if (order) absorbDscoOrder(w.record, order, ctx.clock.now());
    built = buildInvoice(w.record, w.plan);
  }
  if (built.ok) return built.invoice;
  markError(ctx, w.record, 'invoice', `Invoice ${w.plan.invoiceId} was not sent: ${built.problem}. Ask the retailer to set the cost in DSCO, then use Retry failed orders; or invoice it by hand in DSCO.`, 'SS → DSCO');
  return undefined;
}

function send(ctx: CycleContext, w: Work, invoice: DscoInvoice): void {
  const { record, plan } = w;
  const base = { invoiceId: plan.invoiceId, covers: plan.covers, totalAmount: invoice.totalAmount };
  try {
    ctx.dsco.createInvoice(invoice);
    setInvoice(record, { ...base, state: 'sent' }, ctx.clock.now());
    ctx.summary.invoiced = (ctx.summary.invoiced ?? 0) + 1;
    const units = plan.lines.reduce((n, [, q]) => n + q, 0);
    ctx.log.info('SS → DSCO', record.dscoOrderId, `Invoice ${plan.invoiceId} sent to DSCO: ${units} unit${units === 1 ? '' : 's'}, ${invoice.totalAmount.toFixed(2)}.`);
  } catch (e) {
    const now = ctx.clock.now();
    if (isOrderSpecific(e) && w.entry?.state === 'unconfirmed' && now - w.entry.firstAt < INVOICE_GIVE_UP_MS) {
      setInvoice(record, { ...base, state: 'unconfirmed' }, now);
      ctx.log.warn('SS → DSCO', record.dscoOrderId, `DSCO refused invoice ${plan.invoiceId} sent again after a lost answer (${errorMessage(e)}); it is probably still being processed from the first attempt, so the next syncs look it up again.`);
      return;
    }
    if (isOrderSpecific(e)) {
      setInvoice(record, { ...base, state: 'refused' }, now);
      markError(ctx, record, 'invoice', `DSCO refused invoice ${plan.invoiceId}: ${errorMessage(e)} Correct it in DSCO (or with the retailer), then use Retry failed orders: it looks the invoice up first and is never billed twice.`, 'SS → DSCO');
      return;
    }
    // No clear answer: DSCO may have created it. The next sync looks it up before sending it again.
    setInvoice(record, { ...base, state: 'unconfirmed' }, now);
    if (isRunLevel(e)) throw e;
    ctx.log.warn('SS → DSCO', record.dscoOrderId, `Sending invoice ${plan.invoiceId} had no clear answer (${errorMessage(e)}); the next sync looks it up in DSCO before sending it again.`);
  }
}
