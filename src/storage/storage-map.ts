/**
 * Where every piece of stored state lives: each tab with its declared column layout, and every
 * Script Property key the product reads or writes. The product, the tests, the demo and the
 * benchmark take names and column positions from here; the header texts are in
 * sheets-template/template.json (a test checks the two agree).
 */

/** A tab and its columns, in order (1-based position = index + 1). */
export interface TabLayout<C extends string = string> {
  readonly name: string;
  readonly columns: readonly C[];
  /** What the tab holds and how it stays bounded. */
  readonly holds: string;
}

function layout<C extends string>(name: string, columns: readonly C[], holds: string): TabLayout<C> & { width: number; col: Record<C, number> } {
  const col = {} as Record<C, number>;
  columns.forEach((c, i) => (col[c] = i + 1));
  return { name, columns, holds, width: columns.length, col };
}

const ORDER_ROW = ['flow', 'dscoOrderId', 'poRetailer', 'ssOrderNumber', 'status', 'tracking', 'received', 'updated', 'error', 'units', 'retailer', 'shipBy', 'ackBy', 'cancelAfter'] as const;

export const TABS = {
  overview: layout('Overview', ['label', 'value', 'day', 'ordersIn', 'shipped'] as const, 'Figures rewritten in one block after every sync (A:B), the last 30 days (C:E) and their embedded chart; a fixed size.'),
  dashboard: layout('Dashboard', ORDER_ROW, 'One row per order of the working book (open, and finished within the archive age, the latest WORKING_FINISHED_MAX at most), drawn from _Orders.'),
  archive: layout('Archive', ORDER_ROW, 'Finished orders moved out of the working book, appended once a day; the oldest rows leave above ARCHIVE_MAX_ROWS.'),
  logs: layout('Logs', ['time', 'level', 'flow', 'dscoOrderId', 'message'] as const, 'Every action; at most LOGS_MAX_ROWS rows, the oldest trimmed in one call.'),
  carrierMap: layout('Carrier Map', ['ssCarrier', 'ssService', 'dscoCarrier', 'dscoMethod', 'dscoServiceLevel'] as const, 'Edited by people; read once a run.'),
  retailers: layout('Retailers', ['tradingPartnerId', 'retailerName', 'cancelCode', 'acceptCancelRequests', 'note'] as const, 'Edited by people (per DSCO trading partner); a row added once for each new retailer; read once a run.'),
  help: layout('How it works', ['text'] as const, 'Help text rewritten by Set up sheet, and one status line (the spreadsheet size) rewritten once a day.'),
  orders: layout('_Orders', ['dscoOrderId', 'record'] as const, 'Hidden: the engine record of each order of the working book, as JSON.'),
  inventory: layout('Inventory', ['sku', 'quantity', 'status', 'warehouseCode', 'lastSent', 'result'] as const, 'Edited by people (SKU to warehouse code); the product writes Last sent and Result. Its size is the catalog.'),
  inventoryState: layout('_Inventory', ['sku', 'warehouse', 'acceptedValues', 'acceptedAt', 'refusedValues', 'refusedBecause', 'pendingRequest', 'pendingValues', 'pendingAt'] as const, 'Hidden: what DSCO last accepted or refused for each SKU and warehouse, and what waits for confirmation.'),
  shipments: layout('_Shipments', ['key', 'dscoOrderId', 'tracking', 'pushedAt', 'note'] as const, 'Hidden: shipments sent to DSCO, kept while their order is open (and 6 hours at least: three times the shipments overlap).'),
} as const;

export type TabKey = keyof typeof TABS;

/** Every Script Property key (or key prefix) the product uses. */
export const PROPERTIES = {
  /** One per setting: `settings.dscoClientId`, … (src/settings/settings-repository.ts). */
  settingsPrefix: 'settings.',
  scheduleOwner: 'schedule.owner',
  scheduleInterval: 'schedule.intervalHours',
  scheduleLastRun: 'schedule.lastRunAt',
  scheduleCreated: 'schedule.createdAt',
  schedulePaused: 'schedule.paused',
  /** `watermark.shipments`, `watermark.dscoUpdates`, `watermark.shipstationCancels` (epoch ms). */
  watermarkPrefix: 'watermark.',
  /** Sync health: `health.lastRunAt`, `health.lastSuccessAt`, `health.failures`, `health.lastProblem` (src/alerts/sync-health.ts). */
  healthPrefix: 'health.',
  /** The alert e-mail's memory: `alerts.errors.pending`, `alerts.<kind>` (src/alerts/alert-digest.ts). */
  alertsPrefix: 'alerts.',
  /** Whether the Dashboard tab is coloured as unhealthy (src/app/after-cycle.ts). */
  statusUnhealthy: 'status.unhealthy',
  /** The spreadsheet the script was set up in: the copy guard (src/app/install-record.ts). */
  installSpreadsheet: 'install.spreadsheetId',
  /** Write-ahead markers of invoice calls: `inflight.invoices.*` (src/invoices/invoices-in-flight.ts). */
  inflightInvoicesPrefix: 'inflight.invoices.',
  /** When invoicing was switched on: orders finished before are not invoiced (src/invoices/send-invoices.ts). */
  invoicesSince: 'invoices.since',
  /** The day of the last full inventory resend (src/inventory/full-resend.ts). */
  inventoryFullResend: 'inventory.fullResendOn',
  /** Write-ahead chunks of DSCO shipment calls: `inflight.shipments.0`, … (src/sync/inflight-shipments.ts). */
  inflightPrefix: 'inflight.shipments.',
  /** When the once-a-day housekeeping (archive, ledger trim, size check) last ran (epoch ms). */
  housekeepingLastRun: 'housekeeping.lastRunAt',
  /** Set while save() writes _Orders then the Dashboard: a run that died between them redraws the Dashboard. */
  dashboardPending: 'book.dashboardPending',
  /** The layout (tabs and headers) the sheet was last set up with: a sync after an update applies the new one once (src/sheet/layout-upgrade.ts). */
  sheetLayout: 'sheet.layout',
  /** Orders in and shipped per day for the Overview's 30 days, as JSON (src/overview/daily-counts.ts). */
  overviewDaily: 'overview.daily',
  /** The cells the spreadsheet used at the last daily housekeeping, for the Overview (src/sync/archive-finished.ts). */
  cellsUsed: 'housekeeping.cellsUsed',
  /** Optional: the shipment count above which tracking goes in asynchronous batches. */
  shipmentBatchThreshold: 'SHIPMENT_BATCH_THRESHOLD',
  /** Optional: API address overrides for sandboxes and tests. */
  dscoBaseUrl: 'DSCO_BASE_URL',
  shipstationBaseUrl: 'SHIPSTATION_BASE_URL',
  shipstationV2BaseUrl: 'SHIPSTATION_V2_BASE_URL',
} as const;

/** True when a Script Property key is one the storage map names. */
export function isKnownProperty(key: string): boolean {
  return Object.values(PROPERTIES).some((k) => (k.endsWith('.') ? key.startsWith(k) : key === k));
}

/** Google's limit for one spreadsheet, counting every cell of every tab's grid. */
export const SPREADSHEET_CELL_LIMIT = 10_000_000;
/** Logs warn from this share of the limit on. */
export const CELL_WARNING_SHARE = 0.4;
/** Sheets refuses a cell holding more characters than this. */
export const CELL_CHAR_LIMIT = 50_000;
/** The Logs tab keeps at most this many rows; older ones are trimmed in one call. */
export const LOGS_MAX_ROWS = 5_000;
/**
 * The working book keeps at most this many finished orders: beyond, the oldest leave for the
 * Archive at the daily housekeeping before the archive age, so the rows every run reads stay
 * bounded at any volume (at 2,000 orders a day the 7-day default would keep 14,000).
 */
export const WORKING_FINISHED_MAX = 5_000;
/** The Archive keeps at most this many rows (1,400,000 cells at its 14 columns); the oldest leave in one call. */
export const ARCHIVE_MAX_ROWS = 100_000;
