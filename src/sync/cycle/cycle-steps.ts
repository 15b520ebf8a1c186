import { acknowledgeOrders, verifyAcknowledgements } from '../orders/acknowledge-orders';
import { sendInventory } from '../../inventory/send-inventory';
import { sendInvoices } from '../../invoices/send-invoices';
import { archiveFinished } from '../book/archive-finished';
import { carryOutNeeds } from '../cancellations/carry-out-needs';
import { createInShipStation } from '../orders/create-in-shipstation';
import type { CycleContext } from './cycle-context';
import { pullNewOrders } from '../orders/pull-new-orders';
import { pushTracking } from '../tracking/push-tracking';
import { readDscoUpdates } from '../orders/read-dsco-updates';
import { readShipStationCancellations } from '../cancellations/read-shipstation-cancellations';
import { reconcileOrders } from '../orders/reconcile-orders';
import { addNewRetailers } from '../../retailers/add-new-retailers';
import { retryFailedSteps } from './retry-failed-steps';
import type { SyncDeps } from './run-cycle';
import { verifyCancels } from '../cancellations/verify-cancels';
import type { WatermarkName } from './watermarks';

/** What a step hands back to the cycle: a watermark to store, and work to do, once its work is saved. */
export interface StepOutcome {
  watermark?: { name: WatermarkName; value: number };
  afterSave?: () => void;
}

export interface CycleStep {
  name: string;
  /** Only in some cycles (Retry failed orders). */
  when?: (ctx: CycleContext) => boolean;
  run: (ctx: CycleContext, deps: SyncDeps) => StepOutcome | void;
  /**
   * Save the book and the logs right after this step (before its watermark moves); a function
   * decides per run. A save serialises the whole working book, so steps save only where a run that
   * dies right after must not lose their work.
   */
  save?: boolean | ((ctx: CycleContext) => boolean);
  /**
   * Whether this run of the step can change order records without saving them itself (default
   * true). A step that cannot (a feed switched off, a step with a tab of its own, one that saves its
   * own changes) leaves nothing for the cycle's closing save, which then does not serialise the
   * working book again.
   */
  changesBook?: boolean | ((ctx: CycleContext) => boolean);
  /**
   * A setting this step alone needs (a ConfigError) does not stop the steps after it: they run,
   * and the cycle then stops with that error for a person (and the failure e-mail).
   */
  isolateConfigErrors?: boolean;
}

/**
 * One sync cycle, in order. Reads first bring the records up to what DSCO and ShipStation say
 * (incremental reads with overlap, then the reconciliation sweep); the writing steps then do what
 * each order's state needs. The save after creation comes before acknowledging: once DSCO has the
 * acknowledgement the order is no longer pulled, so it must already be on the sheet.
 */
export const CYCLE_STEPS: readonly CycleStep[] = [
  // Once a day, first: a day of long runs near the time budget can never starve it.
  // It saves the orders it moves itself.
  { name: 'Daily housekeeping (archive, ledger trim, size check)', run: (ctx, deps) => archiveFinished(ctx, deps.workbook, () => ctx.book.save()), changesBook: false },
  { name: 'Retrying failed orders', when: (ctx) => ctx.retrying, run: retryFailedSteps },
  { name: 'Checking acknowledgements', run: verifyAcknowledgements },
  { name: 'Checking cancellations sent to DSCO', run: verifyCancels },
  { name: 'Reading new DSCO orders', run: pullNewOrders },
  { name: 'Adding new retailers to the Retailers tab', run: (ctx, deps) => addNewRetailers(ctx, deps.workbook), changesBook: false },
  {
    name: 'Creating orders in ShipStation',
    run: (ctx) => {
      ctx.justCreated = createInShipStation(ctx).map((r) => r.dscoOrderId);
    },
    // Only when orders were created: they must be on the sheet before DSCO hears of them.
    save: (ctx) => ctx.justCreated.length > 0,
    // e.g. ShipStation API V2 without a default ship-from location: tracking and cancellations of
    // the orders already in ShipStation must still go out.
    isolateConfigErrors: true,
  },
  // Not saved on its own: a run that dies before the next save acknowledges again, which is harmless.
  { name: 'Acknowledging orders in DSCO', run: (ctx) => acknowledgeOrders(ctx, ctx.justCreated) },
  { name: 'Reading DSCO updates', run: (ctx) => ({ watermark: { name: 'dscoUpdates', value: readDscoUpdates(ctx) } }) },
  { name: 'Reading ShipStation cancellations', run: (ctx) => ({ watermark: { name: 'shipstationCancels', value: readShipStationCancellations(ctx) } }) },
  { name: 'Re-checking open orders', run: reconcileOrders },
  {
    name: 'Sending tracking to DSCO',
    run: (ctx) => {
      const t = pushTracking(ctx);
      return { watermark: { name: 'shipments', value: t.watermark }, afterSave: t.settle };
    },
    save: true,
  },
  { name: 'Carrying out cancellations and corrections', run: carryOutNeeds, save: true },
  // Switched off (the default), it touches no order: no save.
  { name: 'Sending invoices to DSCO', run: sendInvoices, save: (ctx) => ctx.settings.sendInvoices, changesBook: (ctx) => ctx.settings.sendInvoices },
  // Its own tabs (Inventory, _InventoryState), saved by itself.
  { name: 'Sending inventory to DSCO', run: sendInventory, changesBook: false },
];
