import { errorMessage, isRunLevel } from '../core/errors';
import type { DscoInventoryItem } from '../dsco/dsco-inventory-types';
import type { CycleContext } from '../sync/cycle/cycle-context';
import type { SyncDeps } from '../sync/cycle/run-cycle';
import { FULL_RESEND_KEY, fullResendDue } from './full-resend';
import { inventoryBatches } from './inventory-batches';
import { confirmPending } from './confirm-inventory';
import { InventoryLedger } from './inventory-ledger';
import { outcomeOf } from './inventory-outcome';
import { type InventoryLine, inventoryKey, inventoryValues, isRefused, type RefusedLine } from './inventory-line';
import type { InventorySource } from './inventory-source';
import { INVENTORY_STATE_TAB, INVENTORY_TAB } from './inventory-tabs';
import { SheetInventorySource } from './sheet-inventory-source';

/**
 * The inventory feed, a step of the cycle (after orders are pulled, as DSCO advises): the lines of
 * the source (the Inventory tab) whose quantity or status changed since DSCO last accepted them go
 * to POST /inventory/batch/small in batches within its limits, and every line once a day at the set
 * hour. The outcome of each item is read from GET /inventory/log by the next sync: accepted, or
 * refused with DSCO's reason on the row (an unknown SKU among them); the rest go through. An item the
 * log does not mention is sent again, so nothing is dropped silently. Bad cells never leave the sheet.
 */
export function sendInventory(ctx: CycleContext, deps: SyncDeps): void {
  if (!ctx.settings.sendInventory) return;
  const tab = deps.workbook.tab(INVENTORY_TAB);
  const stateTab = deps.workbook.tab(INVENTORY_STATE_TAB);
  if (!tab || !stateTab) {
    ctx.log.error('', '', `Inventory is on, but the "${!tab ? INVENTORY_TAB : INVENTORY_STATE_TAB}" tab is missing: use DSCO Sync → Set up sheet, then fill in the Inventory tab.`);
    return;
  }
  sendInventoryFrom(ctx, new SheetInventorySource(tab, ctx.settings.inventoryWarehouseCode), InventoryLedger.load(stateTab));
}

export function sendInventoryFrom(ctx: CycleContext, source: InventorySource, ledger: InventoryLedger): void {
  const confirmed = confirmPending(ctx, ledger);
  const lines = source.read();
  const notes = new Map<string, string>();
  const checked = refuseDuplicates(lines);
  const full = fullResendDue(ctx.clock.now(), ctx.settings.inventoryFullHour, ctx.store.get(FULL_RESEND_KEY));
  const toSend = checked.filter((l): l is InventoryLine => {
    if (isRefused(l)) return false;
    const s = ledger.get(inventoryKey(l));
    const values = inventoryValues(l);
    if (s?.requestId && s.pending === values) return false; // on its way already
    if (full.due) return true;
    return s?.accepted !== values && s?.refused !== values;
  });
  const sent = sendBatches(ctx, ledger, toSend, notes);
  if (sent) ctx.summary.inventorySent = (ctx.summary.inventorySent ?? 0) + sent;
  if (full.due && sent === toSend.length) ctx.store.set(FULL_RESEND_KEY, full.today);
  source.report(checked.map((l) => outcomeOf(l, ledger, notes)));
  ledger.save();
  const bad = checked.filter(isRefused).length;
  // Bad cells are repeated only along with news, not every run while the row waits for a person.
  if (sent || confirmed.accepted || confirmed.refused.length) {
    const parts = [
      sent ? `${sent} sent${full.due ? ' (the daily full update)' : ''}, to be confirmed by the next sync` : '',
      confirmed.accepted ? `${confirmed.accepted} confirmed by DSCO` : '',
      confirmed.refused.length ? `${confirmed.refused.length} refused by DSCO (${confirmed.refused.slice(0, 5).join(', ')}${confirmed.refused.length > 5 ? ', …' : ''}): see the Result column` : '',
      bad ? `${bad} row${bad === 1 ? '' : 's'} not sent because of bad cells: see the Result column` : '',
    ].filter(Boolean);
    const say = confirmed.refused.length || bad ? ctx.log.warn.bind(ctx.log) : ctx.log.info.bind(ctx.log);
    say('', '', `Inventory from ${source.name}: ${parts.join('; ')}.`);
  }
}

/** Two rows for the same SKU and warehouse: the later one is refused (DSCO would keep only one). */
function refuseDuplicates(lines: (InventoryLine | RefusedLine)[]): (InventoryLine | RefusedLine)[] {
  const first = new Map<string, number>();
  return lines.map((l) => {
    if (isRefused(l)) return l;
    const key = inventoryKey(l);
    const seen = first.get(key);
    if (seen !== undefined) return { ref: l.ref, problem: `the same SKU and warehouse as row ${seen}: keep one row per SKU and warehouse` };
    first.set(key, l.ref);
    return l;
  });
}

const item = (l: InventoryLine): DscoInventoryItem => ({ sku: l.sku, status: l.status, quantityAvailable: l.quantity, warehouses: [{ code: l.warehouse, quantity: l.quantity }] });

/** Sends the lines in batches; returns how many were handed to DSCO. */
function sendBatches(ctx: CycleContext, ledger: InventoryLedger, lines: InventoryLine[], notes: Map<string, string>): number {
  let sent = 0;
  const batches = inventoryBatches(lines.map((l) => Object.assign(item(l), { line: l })));
  for (const batch of batches) {
    if (ctx.budget.expired()) {
      ctx.summary.deferred = true;
      break;
    }
    try {
      const answer = ctx.dsco.updateInventory(batch.map(({ line: _line, ...body }) => body));
      const now = ctx.clock.now();
      for (const { line } of batch) {
        const s = ledger.getOrAdd(line.sku, line.warehouse);
        s.requestId = answer.requestId || undefined;
        s.pending = inventoryValues(line);
        s.pendingAt = now;
      }
      sent += batch.length;
    } catch (e) {
      if (isRunLevel(e)) throw e;
      const why = ctx.redact(errorMessage(e));
      for (const { line } of batch) notes.set(inventoryKey(line), `Not confirmed: DSCO did not take the update (${why.slice(0, 200)}); it is sent again at the next sync`);
      ctx.log.warn('', '', `Inventory: an update of ${batch.length} SKUs had no clear answer (${why}); the next sync sends them again.`);
    }
  }
  return sent;
}
