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
    if (block.every((row, i) => cellKey(row[0]) === cellKey(this.shown[i]?.[0]) && cellKey(row[1]) === cellKey(this.shown[i]?.[1]))) return;
    this.tab.writeRows(2, block, INVENTORY_INPUT_WIDTH + 1);
    this.shown = block;
  }
}

/** A cell's value for comparison: dates by instant (a Date read back may come from another realm), blanks alike. */
function cellKey(v: unknown): string {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'object' && typeof (v as Date).getTime === 'function') return `d${(v as Date).getTime()}`;
  return String(v);
}
