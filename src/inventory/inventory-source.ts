import type { InventoryLine, RefusedLine } from './inventory-line';

/** What became of a line, to show beside it. */
export interface InventoryOutcome {
  ref: number;
  /** When DSCO last accepted the line's current values (undefined: never). */
  lastSent?: number;
  result: string;
}

/**
 * The role "where the quantities come from". The Inventory tab is one source; ShipStation's V2
 * inventory API (summed `available` per SKU and warehouse) can be another. A source reads its lines
 * (refusing bad ones with a message) and shows each line's outcome where its people look.
 */
export interface InventorySource {
  readonly name: string;
  read(): (InventoryLine | RefusedLine)[];
  report(outcomes: InventoryOutcome[]): void;
}
