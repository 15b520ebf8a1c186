import template from '../../sheets-template/template.json';

export interface TabTemplate {
  name: string;
  headers: string[];
  columnWidths?: number[];
  /** 1-based columns stored as plain text (number format '@'). */
  plainTextColumns?: number[];
  frozenRows?: number;
  hidden?: boolean;
  defaultRows?: string[][];
}

export interface SheetTemplate {
  version: number;
  tabs: TabTemplate[];
}

/** The layout in sheets-template/template.json, bundled into the script. */
export const SHEET_TEMPLATE = template as unknown as SheetTemplate;

export const DASHBOARD_TAB = 'Dashboard';
export const LOGS_TAB = 'Logs';
export const CARRIER_MAP_TAB = 'Carrier Map';
