import type { InventoryLedger } from './inventory-ledger';
import { type InventoryLine, inventoryKey, inventoryValues, isRefused, type RefusedLine } from './inventory-line';
import type { InventoryOutcome } from './inventory-source';

const UNKNOWN_SKU = /not found|does not exist|unknown/i;

/** What a line's Result and Last sent say, from what DSCO last did with its current values (pure). */
export function outcomeOf(l: InventoryLine | RefusedLine, ledger: InventoryLedger, notes: Map<string, string>): InventoryOutcome {
  if (isRefused(l)) return { ref: l.ref, result: `Not sent: ${l.problem}.` };
  const key = inventoryKey(l);
  const s = ledger.get(key);
  const values = inventoryValues(l);
  const lastSent = s?.accepted === values ? s.acceptedAt : undefined;
  const note = notes.get(key);
  if (note) return { ref: l.ref, lastSent, result: note };
  if (s?.requestId && s.pending === values) return { ref: l.ref, lastSent, result: 'Sent, waiting for DSCO to confirm' };
  if (s?.accepted === values) return { ref: l.ref, lastSent, result: 'Accepted by DSCO' };
  if (s?.refused === values) {
    const reason = s.refusedReason ?? 'no reason given';
    return { ref: l.ref, result: UNKNOWN_SKU.test(reason) ? `Refused: DSCO does not know this SKU (${reason}). Use the SKU as DSCO knows it (yours, not the retailer's).` : `Refused by DSCO: ${reason}. Correct the row; it is sent again when it changes.` };
  }
  return { ref: l.ref, result: 'Waiting to be sent' };
}
