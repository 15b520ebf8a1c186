/**
 * The spreadsheet as an .xlsx file: the same tabs, headers, column widths, frozen header rows,
 * hidden tabs, plain-text columns and status colours as the Google Sheet. Used by `npm start`
 * (the demo's final spreadsheet) and `npm run template` (an empty workbook from the template).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import type { SheetTemplate, StatusColor as ProductStatusColor, TabTemplate } from '../../src/sheet/sheet-template';
import { deadlineHighlights } from '../../src/sheet/deadline-highlights';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TEMPLATE_FILE = path.join(ROOT, 'sheets-template', 'template.json');

/** The template's types are the product's own (src/sheet/sheet-template.ts). */
export type TabLayout = TabTemplate;

/** Colours of one status value, as CSS hex ("#ceead6"); strikethrough is an xlsx-only extension. */
export interface StatusColor extends ProductStatusColor {
  strikethrough?: boolean;
}

/** The template as this writer reads it: the product's, with every top-level field optional. */
export type WorkbookTemplate = Partial<Omit<SheetTemplate, 'tabs' | 'statusColors'>> & {
  statusColors?: Record<string, StatusColor>;
  tabs: TabLayout[];
};

/**
 * One tab's content. Layout fields override the template's (the simulator records what the script
 * actually set); rows include the header row, as Sheets' getDataRange() returns them.
 */
export interface SheetData {
  name: string;
  rows: unknown[][];
  /** 1-based column -> pixels. */
  columnWidths?: Record<number, number>;
  frozenRows?: number;
  hidden?: boolean;
  /** The formulas of `rows` ('' where a cell holds a value), written as formulas Excel recalculates. */
  formulas?: string[][];
}

/** Used when the template has no statusColors: the Sheet's own palette. */
export const DEFAULT_STATUS_COLORS: Record<string, StatusColor> = {
  Received: { background: '#e8eaed', font: '#202124' },
  'Sent to SS': { background: '#d2e3fc', font: '#174ea6' },
  Shipped: { background: '#ceead6', font: '#0d652d' },
  Cancelled: { background: '#f1f3f4', font: '#5f6368' },
  Error: { background: '#fad2cf', font: '#a50e0e' },
};

export interface WorkbookOptions {
  /** The spreadsheet's time zone: Date cells show its wall-clock time, as in Sheets. Default America/New_York. */
  timeZone?: string;
  /** Rows the status colours cover (a new Google Sheets tab has 1,000). */
  formattedRows?: number;
}

const DEFAULT_DATE_FORMAT = 'yyyy-mm-dd hh:mm';
/** Excel's limit for the text of one cell. */
const EXCEL_CELL_LIMIT = 32_767;

export function loadTemplate(file = TEMPLATE_FILE): WorkbookTemplate {
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as WorkbookTemplate;
  if (!parsed || !Array.isArray(parsed.tabs)) throw new Error(`${file}: no "tabs" list`);
  return parsed;
}

/** Excel column letters for a 1-based index. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Google Sheets pixels to Excel character widths (7 px a character at the default font, plus padding). */
function excelWidth(px: number): number {
  return Math.max(1, Math.round(((px - 5) / 7) * 100) / 100);
}

/** The instant's wall-clock time in `timeZone`, as the UTC-based Date exceljs stores without a zone. */
function wallClock(d: Date, timeZone: string): Date {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(d);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return new Date(Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')));
}

function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]' && !Number.isNaN((v as Date).getTime());
}

function cellValue(v: unknown, timeZone: string): ExcelJS.CellValue {
  if (v === undefined || v === null || v === '') return null;
  if (isDate(v)) return wallClock(v, timeZone);
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  const text = String(v);
  return text.length > EXCEL_CELL_LIMIT ? `${text.slice(0, EXCEL_CELL_LIMIT - 1)}…` : text;
}

/** Excel refuses []:*?/\ in tab names and more than 31 characters. */
function excelSheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || 'Sheet';
}

/** "#ceead6" -> "FFCEEAD6" (ARGB, as Excel stores colours). */
export function argb(css: string): string {
  const hex = css.replace(/^#/, '');
  const full = hex.length === 3 ? hex.replace(/./g, (c) => c + c) : hex;
  if (!/^[0-9a-f]{6}$/i.test(full)) throw new Error(`not a colour: ${css}`);
  return `FF${full.toUpperCase()}`;
}

/** The Sheet's deadline highlights (src/sheet/deadline-highlights.ts): the same TODAY() formulas, which Excel evaluates too. */
function addDeadlineHighlights(ws: ExcelJS.Worksheet, lastRow: number): void {
  for (const h of deadlineHighlights()) {
    const col = columnLetter(h.column);
    ws.addConditionalFormatting({
      ref: `${col}2:${col}${lastRow}`,
      rules: [
        {
          type: 'expression' as const,
          priority: 1,
          formulae: [h.formula.replace(/^=/, '')],
          style: { fill: { type: 'pattern' as const, pattern: 'solid' as const, bgColor: { argb: argb(h.background) } }, font: { color: { argb: argb(h.font) } } },
        },
      ],
    });
  }
}

/** The Sheet's rule: a status cell whose text equals a status gets that status's colours. */
function addStatusColours(ws: ExcelJS.Worksheet, column: number, lastRow: number, colors: Record<string, StatusColor>): void {
  const col = columnLetter(column);
  ws.addConditionalFormatting({
    ref: `${col}2:${col}${lastRow}`,
    rules: Object.entries(colors).map(([status, color], i) => ({
      type: 'expression' as const,
      priority: i + 1,
      formulae: [`${col}2="${status.replace(/"/g, '""')}"`],
      style: {
        fill: { type: 'pattern' as const, pattern: 'solid' as const, bgColor: { argb: argb(color.background) } },
        font: { color: { argb: argb(color.font) }, ...(color.strikethrough ? { strike: true } : {}) },
      },
    })),
  });
}

/**
 * Builds the workbook: the sheets in the order given, laid out by the template tab of the same name
 * (a sheet that is not in the template keeps its own layout; an empty one, such as the blank
 * "Sheet1" every new spreadsheet has, is left out).
 */
export function buildWorkbook(template: WorkbookTemplate, sheets: SheetData[], options: WorkbookOptions = {}): ExcelJS.Workbook {
  const timeZone = options.timeZone ?? 'America/New_York';
  const colors = template.statusColors ?? DEFAULT_STATUS_COLORS;
  const dateFormat = template.dateFormat ?? DEFAULT_DATE_FORMAT;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'dsco-shipstation-sync';
  for (const sheet of sheets) {
    const layout = template.tabs.find((t) => t.name === sheet.name);
    const hasData = sheet.rows.some((r) => r.some((v) => v !== '' && v !== null && v !== undefined));
    if (!layout && !hasData) continue;
    const headers = layout?.headers ?? (sheet.rows[0] ?? []).map((v) => String(v ?? ''));
    const rows = sheet.rows.length ? sheet.rows : [headers];
    const frozenRows = sheet.frozenRows ?? layout?.frozenRows ?? 0;
    const ws = wb.addWorksheet(excelSheetName(sheet.name), {
      state: (sheet.hidden ?? layout?.hidden) ? 'hidden' : 'visible',
      views: frozenRows > 0 ? [{ state: 'frozen', ySplit: frozenRows, xSplit: 0, topLeftCell: `A${frozenRows + 1}` }] : [],
    });
    const width = Math.max(headers.length, ...rows.map((r) => r.length));
    const plain = new Set(layout?.plainTextColumns ?? []);
    const dates = new Set(layout?.dateColumns ?? []);
    for (let c = 1; c <= width; c++) {
      const px = sheet.columnWidths?.[c] ?? layout?.columnWidths?.[c - 1];
      const column = ws.getColumn(c);
      if (px !== undefined) column.width = excelWidth(px);
      if (plain.has(c)) column.numFmt = '@';
      else if (dates.has(c)) column.numFmt = dateFormat;
      if (layout?.wrap) column.alignment = { wrapText: true, vertical: 'top' };
    }
    rows.forEach((row, i) => {
      const r = ws.getRow(i + 1);
      row.forEach((v, j) => {
        const cell = r.getCell(j + 1);
        const formula = sheet.formulas?.[i]?.[j];
        cell.value = formula ? { formula: formula.replace(/^=/, '') } : cellValue(v, timeZone);
        if (isDate(v)) cell.numFmt = dates.has(j + 1) ? dateFormat : DEFAULT_DATE_FORMAT;
      });
      if (i < Math.max(1, frozenRows)) r.font = { bold: true };
    });
    if (layout?.filter) ws.autoFilter = `A1:${columnLetter(headers.length)}${Math.max(1, rows.length)}`;
    const statusColumn = layout?.statusColumn;
    if (layout?.deadlineHighlights) addDeadlineHighlights(ws, Math.max(options.formattedRows ?? 1000, rows.length));
    if (statusColumn) addStatusColours(ws, statusColumn, Math.max(options.formattedRows ?? 1000, rows.length), colors);
  }
  if (wb.worksheets.length === 0) throw new Error('nothing to write: every sheet was empty');
  return wb;
}

export interface WrittenWorkbook {
  /** Absolute path of the file. */
  file: string;
  /** The tabs written, in order. */
  tabs: string[];
}

/** Writes the sheets to `file` (directories created). */
export async function writeWorkbook(file: string, template: WorkbookTemplate, sheets: SheetData[], options: WorkbookOptions = {}): Promise<WrittenWorkbook> {
  const target = path.resolve(file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const wb = buildWorkbook(template, sheets, options);
  await wb.xlsx.writeFile(target);
  return { file: target, tabs: wb.worksheets.map((ws) => ws.name) };
}

/** The sheets a freshly set-up spreadsheet has: each template tab with its headers, default and managed rows. */
export function templateSheets(template: WorkbookTemplate): SheetData[] {
  return template.tabs.map((t) => ({ name: t.name, rows: [t.headers, ...(t.defaultRows ?? []), ...(t.managedRows ?? [])] }));
}

/** An empty workbook laid out by the template (what "Set up sheet" makes). */
export async function writeTemplateWorkbook(file: string, template: WorkbookTemplate = loadTemplate(), options: WorkbookOptions = {}): Promise<WrittenWorkbook> {
  return writeWorkbook(file, template, templateSheets(template), options);
}
