/** The tab the operations team edits: SKU, quantity, status, warehouse code; the product fills Last sent and Result. */
export const INVENTORY_TAB = 'Inventory';
/** Hidden: what DSCO last accepted (or refused) for each SKU and warehouse, and what waits for its confirmation. */
export const INVENTORY_STATE_TAB = '_Inventory';
/** Columns the team edits (A:D); the product writes the two after them (E:F). */
export const INVENTORY_INPUT_WIDTH = 4;
export const INVENTORY_STATE_WIDTH = 9;
