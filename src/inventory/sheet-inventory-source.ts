import type { Tab } from '../core/ports/workbook';
import { type InventoryLine, parseInventoryRow, type RefusedLine } from './inventory-line';
import type { InventoryOutcome, InventorySource } from './inventory-source';
import { INVENTORY_INPUT_WIDTH, INVENTORY_TAB } from './inventory-tabs';

/**
 * The Inventory tab as a source: one Sheets call to read it, one to write the Last sent and Result
 * columns (never the columns the team edits). A line's `ref` is its row number.
 */
export class SheetInventorySource implements InventorySource {
  readonly name = `the ${INVENTORY_TAB} tab`;
  private rowCount = 0;
  private shown: unknown[][] = [];

  constructor(
    private readonly tab: Tab,
    private readonly defaultWarehouse: string,
  ) {}

  read(): (InventoryLine | RefusedLine)[] {
    const rows = this.tab.readAll().slice(1);
    this.rowCount = rows.length;
    this.shown = rows.map((row) => [row[INVENTORY_INPUT_WIDTH] ?? '', row[INVENTORY_INPUT_WIDTH + 1] ?? '']);
    const out: (InventoryLine | RefusedLine)[] = [];
    rows.forEach((row, i) => {
      const line = parseInventoryRow(i + 2, row, this.defaultWarehouse);
      if (line) out.push(line);
    });
    return out;
  }

  report(outcomes: InventoryOutcome[]): void {
    if (!this.rowCount) return;
    const byRow = new Map(outcomes.map((o) => [o.ref, o]));
    const block: unknown[][] = [];
    for (let r = 2; r < this.rowCount + 2; r++) {
      const o = byRow.get(r);
      block.push(o ? [o.lastSent ? new Date(o.lastSent) : '', o.result] : ['', '']);
    }
    const same = (a: unknown, b: unknown) => (a instanceof Date ? a.getTime() : a === '' || a === null || a === undefined ? '' : String(a)) === (b instanceof Date ? b.getTime() : b === '' || b === null || b === undefined ? '' : String(b));
    if (block.every((row, i) => same(row[0], this.shown[i]?.[0]) && same(row[1], this.shown[i]?.[1]))) return;
    this.tab.writeRows(2, block, INVENTORY_INPUT_WIDTH + 1);
    this.shown = block;
  }
}
