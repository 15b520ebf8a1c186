import type { DscoOrder } from '../../dsco/dsco-types';
import { type CycleContext, markError } from '../cycle/cycle-context';
import type { OrderRecord } from './order-record';
import { absorbDscoOrder, unitsOf } from './order-state';

/**
 * Brings a record up to DSCO's view of its order (from the updates feed, the pull, or the sweep),
 * logs what changed, and flags what only a person can settle: units the retailer cancelled while
 * others stay open (ShipStation V1 cannot take part of an order away), units DSCO shows shipped
 * that the sync never sent (judged by the sweep, for orders with no shipment in flight). Returns true when something changed. `repaired` prefixes the log
 * lines of the reconciliation sweep.
 */
export function absorbAndReport(ctx: CycleContext, record: OrderRecord, order: DscoOrder, opts: { repaired?: boolean; judgeShipped?: boolean } = {}): boolean {
  const repaired = opts.repaired === true;
  const changes = absorbDscoOrder(record, order, ctx.clock.now());
  const say = (text: string) => ctx.log.info('DSCO → SS', record.dscoOrderId, repaired ? `Repaired by the daily check: ${text}` : text);
  // Kept for the address correction only (the one reader): holding every order read would keep a
  // large updates feed alive for the whole run.
  if (record.addressChanged) ctx.latestDsco.set(record.dscoOrderId, order);
  else ctx.latestDsco.delete(record.dscoOrderId);
  let changed = false;
  if (changes.cancelled.length) {
    changed = true;
    const u = unitsOf(record);
    say(`the retailer cancelled ${changes.cancelled.join(', ')} in DSCO.`);
    if (u.open > 0 && record.ssOrderId && record.ssStatus !== 'cancelled') {
      markError(
        ctx,
        record,
        'attention',
        `The retailer cancelled ${changes.cancelled.join(', ')} in DSCO; the rest of the order is still open. Remove the cancelled units from the ShipStation order, then use Retry failed orders to clear this row.`,
        'DSCO → SS',
      );
    }
  }
  // Judged by the sweep only (an order not touched for a while): right after a run that stopped
  // between DSCO taking a shipment and the sheet saving it, DSCO is briefly ahead of the record.
  const elsewhere = changes.shippedElsewhere.join(', ');
  if (opts.judgeShipped && elsewhere && record.shippedElsewhere !== elsewhere) {
    changed = true;
    record.shippedElsewhere = elsewhere;
    say(`DSCO shows ${elsewhere} shipped, outside this sync.`);
    if (record.ssOrderId && record.ssStatus !== 'cancelled' && record.ssStatus !== 'shipped') {
      markError(ctx, record, 'attention', `DSCO shows ${elsewhere} shipped outside ShipStation. Make sure the ShipStation order does not ship them again, then use Retry failed orders to clear this row.`, 'DSCO → SS');
    }
  }
  if (changes.cancelRequest) {
    changed = true;
    say(`the retailer asked to cancel (code ${changes.cancelRequest}).`);
  }
  if (changes.addressChanged) {
    changed = true;
    say('the retailer corrected the ship-to address.');
  }
  return changed;
}
