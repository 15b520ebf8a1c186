import type { ColumnChart } from '../core/ports/workbook';
import template from '../../sheets-template/template.json';
import { TABS } from '../storage/storage-map';

export interface TabTemplate {
  name: string;
  headers: string[];
  columnWidths?: number[];
  /** 1-based columns stored as plain text (number format '@'). */
  plainTextColumns?: number[];
  frozenRows?: number;
  hidden?: boolean;
  /** Rows seeded into an empty tab (the user may edit them afterwards). */
  defaultRows?: string[][];
  /** Rows owned by the product (the help text): rewritten by every setup. */
  managedRows?: string[][];
  wrap?: boolean;
  dateColumns?: number[];
  /** The column whose values get the status colours. */
  statusColumn?: number;
  /** Open orders' Ship by and Cancel after cells coloured when late or due today (src/sheet/deadline-highlights.ts). */
  deadlineHighlights?: boolean;
  filter?: boolean;
  /** An embedded column chart the script builds once (the Overview's 30 days). */
  chart?: ColumnChart;
  /** Kept first in the tab order (the Overview). */
  first?: boolean;
}

export interface StatusColor {
  background: string;
  font: string;
}

export interface SheetTemplate {
  version: number;
  dateFormat: string;
  statusColors: Record<string, StatusColor>;
  tabs: TabTemplate[];
}

/** The layout in sheets-template/template.json, bundled into the script. */
export const SHEET_TEMPLATE = template as unknown as SheetTemplate;

export const DASHBOARD_TAB = TABS.dashboard.name;
export const LOGS_TAB = TABS.logs.name;
export const CARRIER_MAP_TAB = TABS.carrierMap.name;
export const HELP_TAB = TABS.help.name;
export const ARCHIVE_TAB = TABS.archive.name;
