import { utf8Length } from '../core/text/json-batches';
import type { DscoInventoryItem } from '../dsco/dsco-inventory-types';

/**
 * /inventory/batch/small takes "up to five megabytes": batches stop at 5,000 items or 4 MB of JSON,
 * whichever comes first, so one change-log read covers a batch and a batch never nears the limit.
 */
export const INVENTORY_BATCH_MAX_ITEMS = 5_000;
export const INVENTORY_BATCH_MAX_BYTES = 4_000_000;

/** Splits items into batches within the limits (pure). Sizes are UTF-8 bytes of the JSON array. */
export function inventoryBatches<T extends DscoInventoryItem>(items: T[], maxItems = INVENTORY_BATCH_MAX_ITEMS, maxBytes = INVENTORY_BATCH_MAX_BYTES): T[][] {
  const out: T[][] = [];
  let batch: T[] = [];
  let bytes = 2;
  for (const item of items) {
    const size = utf8Length(JSON.stringify(item));
    // "[" + items joined by "," + "]"
    if (batch.length && (batch.length >= maxItems || bytes + 1 + size > maxBytes)) {
      out.push(batch);
      batch = [];
      bytes = 2;
    }
    bytes += (batch.length ? 1 : 0) + size;
    batch.push(item);
  }
  if (batch.length) out.push(batch);
  return out;
}
