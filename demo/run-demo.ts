/**
 * `npm start`: the built bundle (dist/Code.js) in the Apps Script simulator, against the DSCO and
 * ShipStation sandboxes served over real HTTP on 127.0.0.1, through one simulated working day
 * (demo/scenario.ts). Prints the timeline, the Dashboard and the latest Logs rows, and writes the
 * spreadsheet to out/dsco-sync-demo.xlsx.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadTemplate, writeWorkbook, type SheetData } from '../scripts/xlsx/write-workbook';
import { createClock } from '../sandbox/clock';
import { createLoopbackSandbox, type SandboxControl } from '../sandbox/loopback';
import { BUNDLE, ROOT } from '../sandbox/paths';
import { createSimulator, type Simulator } from '../sandbox/simulator';
import {
  DEMO_CREDENTIALS,
  DEMO_INVENTORY_EXPECT,
  DEMO_ORDERS,
  DEMO_V2_FORM,
  DEMO_SETTINGS_FORM,
  DEMO_STEPS,
  DEMO_STORE,
  DEMO_TIME_ZONE,
  DEMO_WAREHOUSE,
  demoOrder,
  demoTime,
  type DemoOrder,
  type DemoStep,
} from './scenario';
import { colourWanted, painter, renderTable, STATUS_STYLE, wrap, type Style } from './terminal';
import { loadBundle } from '../sandbox/world';
import { dashboardRows, type DashboardRow, logRows, type LogRow } from '../sandbox/sheet-rows';
import { TABS } from '../src/storage/storage-map';

export const DEFAULT_DEMO_OUT = path.join(ROOT, 'out', 'dsco-sync-demo.xlsx');
const LOG_ROWS_SHOWN = 15;

export interface DemoOptions {
  /** Where the .xlsx goes. Default out/dsco-sync-demo.xlsx. */
  out?: string;
  write?: (line: string) => void;
  /** Terminal width to fit (default: the terminal's, at most 120). */
  width?: number;
  colour?: boolean;
  /** The ShipStation API the day is played against (default v1). */
  shipstation?: 'v1' | 'v2';
}

export type { DashboardRow, LogRow };

export interface CycleReport {
  at: string;
  via: 'syncNow' | 'trigger';
  ran: boolean;
  summary?: { pulled: number; created: number; acknowledged: number; shipped: number; cancelled: number; errors: number; deferred: boolean; invoiced?: number; inventorySent?: number };
  message: string;
  fatal?: string;
}

export interface DemoResult {
  cycles: CycleReport[];
  dashboard: DashboardRow[];
  logs: LogRow[];
  xlsx: string;
  tabs: string[];
  /** What did not end as the scenario expects (empty when all is well). */
  problems: string[];
}

type CycleResult = { ran: boolean; summary?: CycleReport['summary']; message: string; fatal?: string };

const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/** Recipients for the demo's orders: DSCO's ship-to, in both its current and deprecated fields. */
const RECIPIENTS = [
  { first: 'Olivia', last: 'Martinez', address: ['418 Cedar Ave'], city: 'Montclair', region: 'NJ', postal: '07042' },
  { first: 'Ethan', last: 'Brooks', address: ['77 Harbor View Rd', 'Unit 3B'], city: 'Portland', region: 'ME', postal: '04101' },
  { first: 'Priya', last: 'Nair', address: ['2210 Elm St'], city: 'Austin', region: 'TX', postal: '78705' },
  { first: 'Marcus', last: 'Lee', address: ['9 Willow Ct'], city: 'Naperville', region: 'IL', postal: '60540' },
  { first: 'Hannah', last: 'Schulz', address: ['1540 NW 23rd Ave', 'Apt 12'], city: 'Portland', region: 'OR', postal: '97210' },
  { first: 'Diego', last: 'Alvarez', address: ['36 Orchard Ln'], city: 'Asheville', region: 'NC', postal: '28801' },
];

function seedFor(order: DemoOrder, index: number) {
  const r = RECIPIENTS[index % RECIPIENTS.length];
  const name = `${r.first} ${r.last}`;
  return {
    poNumber: order.po,
    consumerOrderNumber: `W${order.po.replace(/\D/g, '').slice(-7)}`,
    dscoTradingPartnerName: order.retailer,
    dscoTradingPartnerId: order.retailer.replace(/[^A-Z]/g, '').padEnd(4, 'X'),
    dscoLifecycle: order.released === false ? ('received' as const) : ('created' as const),
    shipping: {
      name,
      firstName: r.first,
      lastName: r.last,
      address: r.address,
      address1: r.address[0],
      address2: r.address[1] ?? null,
      city: r.city,
      region: r.region,
      state: r.region,
      postal: r.postal,
      country: 'US',
      phone: `555-01${String(10 + index).padStart(2, '0')}`,
      email: `${r.first}.${r.last}@example.com`.toLowerCase(),
      ...order.shipping,
    },
    lineItems: order.lines.map((l, i) => ({ lineNumber: i + 1, sku: l.sku, partnerSku: l.sku, title: l.title, quantity: l.quantity })),
    ...order.deadlines,
  };
}

/** The simulator's tabs as the xlsx writer takes them (host-side reads, not counted as script calls). */
export function sheetsOf(sim: Simulator): SheetData[] {
  return sim.spreadsheet.getSheets().map((s) => ({
    name: s.getName(),
    rows: s._values(),
    formulas: s.getLastRow() ? s.getDataRange().getFormulas() : [],
    columnWidths: { ...s.columnWidths },
    frozenRows: s.frozenRows,
    hidden: s.hidden,
  }));
}

/** The Inventory tab's rows: SKU, quantity, status, warehouse, last sent, result. */
export function inventoryRows(sim: Simulator): unknown[][] {
  return sim.spreadsheet.getSheetByName('Inventory')?._values().slice(1).filter((r) => r.some((c) => c !== '' && c !== null)) ?? [];
}

/** Each shipped order invoiced once in DSCO and shown so; the Inventory tab's results as the scenario says; DSCO holds the accepted quantities. */
export function feedProblems(dashboard: DashboardRow[], invoices: { invoiceId: string; dscoOrderId?: unknown }[], inventory: unknown[][], items: { sku: string; quantityAvailable?: number }[]): string[] {
  const problems: string[] = [];
  for (const row of dashboard) {
    const billed = invoices.filter((i) => i.dscoOrderId === row.dscoOrderId).length;
    const want = row.status === 'Shipped' ? 1 : 0;
    if (billed !== want) problems.push(`DSCO order ${row.dscoOrderId} (${row.status}): ${billed} invoices, expected ${want}`);
    if (want && !row.units.endsWith('· invoiced')) problems.push(`DSCO order ${row.dscoOrderId}: Units "${row.units}" does not say invoiced`);
  }
  DEMO_INVENTORY_EXPECT.forEach((e, i) => {
    const row = inventory[i];
    if (!row || text(row[0]) !== e.sku) return problems.push(`Inventory row ${i + 2}: SKU "${text(row?.[0])}", expected ${e.sku}`);
    if (!e.result.test(text(row[5]))) problems.push(`Inventory ${e.sku}: Result "${text(row[5])}" does not match ${e.result}`);
    const item = items.find((it) => it.sku === e.sku);
    if (/Accepted/.test(text(row[5])) && item?.quantityAvailable !== Number(row[1])) problems.push(`Inventory ${e.sku}: DSCO holds ${item?.quantityAvailable}, the tab ${text(row[1])}`);
    return undefined;
  });
  return problems;
}

/** Compares the final Dashboard and the sandboxes with what the scenario says must happen. */
export function findProblems(dashboard: DashboardRow[], orders: DemoOrder[], ids: Map<string, string>, backend: 'v1' | 'v2' = 'v1'): string[] {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  for (const row of dashboard) seen.set(row.dscoOrderId, (seen.get(row.dscoOrderId) ?? 0) + 1);
  for (const [id, n] of seen) if (n > 1) problems.push(`DSCO order ${id} has ${n} Dashboard rows`);
  for (const order of orders) {
    const rows = dashboard.filter((r) => r.poRetailer.startsWith(`${order.po} / `));
    if (rows.length !== 1) {
      problems.push(`PO ${order.po}: ${rows.length} Dashboard rows, expected 1`);
      continue;
    }
    const row = rows[0];
    const expected = (backend === 'v2' && order.expectOnV2) || order.expect;
    if (ids.get(order.po) !== row.dscoOrderId) problems.push(`PO ${order.po}: row shows DSCO order ${row.dscoOrderId}, seeded as ${ids.get(order.po)}`);
    if (row.status !== expected.status) problems.push(`PO ${order.po}: status ${row.status || '(empty)'}, expected ${expected.status}${row.error ? ` (${row.error})` : ''}`);
    if (expected.tracking && row.tracking !== expected.tracking.join(', ')) {
      problems.push(`PO ${order.po}: tracking "${row.tracking}", expected "${expected.tracking.join(', ')}"`);
    }
    if (expected.error && !expected.error.test(row.error)) problems.push(`PO ${order.po}: error "${row.error}" does not match ${expected.error}`);
    if (!expected.error && row.error) problems.push(`PO ${order.po}: unexpected error "${row.error}"`);
  }
  if (dashboard.length !== orders.length) problems.push(`${dashboard.length} Dashboard rows for ${orders.length} orders`);
  return problems;
}

function clockText(v: unknown, withSeconds = false): string {
  if (!(v instanceof Date) && Object.prototype.toString.call(v) !== '[object Date]') return text(v);
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: DEMO_TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  }).format(v as Date);
}

export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const write = options.write ?? ((line: string) => console.log(line));
  const width = options.width ?? Math.max(80, Math.min(120, process.stdout.columns || 120));
  const paint = painter(options.colour ?? colourWanted(process.stdout));
  const out = path.resolve(options.out ?? DEFAULT_DEMO_OUT);
  if (!fs.existsSync(BUNDLE)) throw new Error(`${path.relative(ROOT, BUNDLE)} is missing: run "npm run build" first (npm start does).`);

  const clock = createClock(demoTime('00:30'));
  const sandbox = await createLoopbackSandbox({
    now: () => clock.now(),
    dsco: { clientId: DEMO_CREDENTIALS.dscoClientId, clientSecret: DEMO_CREDENTIALS.dscoClientSecret, warehouseCodes: [DEMO_WAREHOUSE] },
    shipstation: {
      apiKey: DEMO_CREDENTIALS.ssApiKey,
      apiSecret: DEMO_CREDENTIALS.ssApiSecret,
      stores: [DEMO_STORE, { storeId: 310443, storeName: 'Website orders' }],
    },
    shipstationV2: { apiKey: DEMO_V2_FORM.ssV2ApiKey, storeIds: [DEMO_STORE.storeId, 310443] },
  });
  const backend = options.shipstation ?? 'v1';
  try {
    // A little simulated latency, so the Logs show time passing inside a cycle.
    const sim = createSimulator({ clock, timeZone: DEMO_TIME_ZONE, costs: { urlFetchMs: 180, sheetsCallMs: 25 } });
    sandbox.route(sim);
    // The documented Script Properties for sandboxes: the bundle talks to the loopback servers.
    loadBundle(sim, { dsco: sandbox.dscoBase, ss: sandbox.ssBase, ssV2: sandbox.ssV2Base });

    write(paint(`DSCO Sync for ShipStation: one simulated day${backend === 'v2' ? ' (ShipStation API V2)' : ''}`, 'bold'));
    write(`The built script (dist/Code.js) runs in the Apps Script simulator; DSCO and ShipStation are sandboxes on real HTTP:`);
    write(`  DSCO ${sandbox.dscoBase}   ShipStation ${backend === 'v2' ? `API V2 ${sandbox.ssV2Base}` : sandbox.ssBase}`);
    write(`Monday 2 March 2026, times in ${DEMO_TIME_ZONE}.`);
    write('');

    // The supplier's DSCO catalog: every SKU the retailers order.
    for (const sku of new Set(DEMO_ORDERS.flatMap((o) => o.lines.map((l) => l.sku)))) sandbox.control.seedItem(sku);
    const play = createPlayer(sim, sandbox.control, clock, write, paint, width, backend);
    for (const step of DEMO_STEPS) play(step);

    const dashboard = dashboardRows(sim.readSheet(TABS.dashboard.name));
    const logs = logRows(sim.readSheet('Logs'));
    const snapshot = sandbox.control.snapshot();
    const problems = findProblems(dashboard, DEMO_ORDERS, play.ids, backend);
    for (const [po, id] of play.ids) {
      const inShipStation =
        backend === 'v2' ? snapshot.ssV2Shipments.filter((s) => s.external_shipment_id === id).length : snapshot.ssOrders.filter((o) => o.orderKey === id).length;
      if (inShipStation > 1) problems.push(`PO ${po}: ${inShipStation} ShipStation orders`);
    }
    for (const v of snapshot.dscoViolations) problems.push(`DSCO contract: ${v}`);
    problems.push(...feedProblems(dashboard, snapshot.dscoInvoices, inventoryRows(sim), snapshot.dscoInventory));
    for (const v of snapshot.ssV2Violations) problems.push(`ShipStation V2 contract: ${v}`);
    for (const c of play.cycles) {
      if (c.fatal) problems.push(`sync at ${c.at} stopped: ${c.fatal}`);
      else if (!c.ran) problems.push(`sync at ${c.at} did not run: ${c.message}`);
    }

    write('');
    printDashboard(dashboard, write, paint, width);
    write('');
    printInventory(inventoryRows(sim), write, paint, width);
    write('');
    printLogs(logs, write, paint, width);

    const sheets = sheetsOf(sim);
    const { file: xlsx, tabs } = await writeWorkbook(out, loadTemplate(), sheets, { timeZone: sim.spreadsheet.getSpreadsheetTimeZone() });
    write('');
    const say = (line: string, ...styles: Style[]) => {
      for (const l of wrap(line, width)) write(paint(l, ...styles));
    };
    say(`Spreadsheet written to ${path.relative(process.cwd(), xlsx) || xlsx} (tabs: ${tabs.join(', ')}).`);
    const requests = snapshot.dscoRequests.length + snapshot.ssRequests.length + snapshot.ssV2Requests.length;
    if (problems.length === 0) {
      say(
        `✓ All ${DEMO_ORDERS.length} orders ended as the scenario expects, each once in ShipStation and once on the Dashboard; ` +
          `${snapshot.dscoInvoices.length} invoices, one per shipped order; the Inventory tab's ${DEMO_INVENTORY_EXPECT.length} rows as expected; ` +
          `${requests} real HTTP requests to the sandboxes, no ${backend === 'v2' ? 'DSCO or ShipStation V2' : 'DSCO'} contract violations.`,
        'green',
      );
    } else {
      say(`✗ ${problems.length} thing(s) did not go as the scenario expects:`, 'red', 'bold');
      for (const p of problems) say(`  - ${p}`);
    }
    return { cycles: play.cycles, dashboard, logs, xlsx, tabs, problems };
  } finally {
    await sandbox.close();
  }
}

type Paint = (text: string, ...styles: Style[]) => string;

/** Plays the scenario's steps in order, printing one timeline line each. */
function createPlayer(
  sim: Simulator,
  control: SandboxControl,
  clock: ReturnType<typeof createClock>,
  write: (line: string) => void,
  paint: Paint,
  width: number,
  backend: 'v1' | 'v2',
) {
  const ids = new Map<string, string>(); // PO -> dscoOrderId
  const labels = new Map<string, number | string>(); // tracking -> ShipStation shipmentId (V1) or label_id (V2)
  const cycles: CycleReport[] = [];
  let index = 0;
  let previous = 0;
  const idOf = (po: string) => {
    const id = ids.get(po);
    if (!id) throw new Error(`demo scenario: PO ${po} has not arrived yet`);
    return id;
  };
  /** The order's ShipStation ID: V1 orderId, V2 shipment_id. */
  const ssOrderOf = (po: string, at: string): { orderId: number; shipmentId: string } => {
    const missing = () => new Error(`demo scenario: at ${at} PO ${po} should be in ShipStation, but the sync has not created it`);
    if (backend === 'v2') {
      const s = control.ssV2ShipmentFor(idOf(po));
      if (!s) throw missing();
      return { orderId: 0, shipmentId: s.shipment_id };
    }
    const order = control.ssOrderFor(idOf(po));
    if (!order?.orderId) throw missing();
    return { orderId: order.orderId, shipmentId: '' };
  };
  const line = (at: string, who: string, what: string, ...styles: Style[]) => {
    const prefix = `${at}  ${who.padEnd(11)} `;
    const body = wrap(what, width - prefix.length);
    write(paint(prefix + (body[0] ?? ''), ...styles));
    for (const more of body.slice(1)) write(paint(' '.repeat(prefix.length) + more, ...styles));
  };

  const play = (step: DemoStep) => {
    const t = demoTime(step.at);
    if (t < previous) throw new Error(`demo scenario: step at ${step.at} comes after a later step`);
    previous = t;
    if (t > clock.now()) clock.set(t);
    switch (step.kind) {
      case 'arrive': {
        const order = demoOrder(step.po);
        const seeded = control.seedOrder(seedFor(order, index++));
        ids.set(order.po, seeded.dscoOrderId);
        const units = order.lines.reduce((n, l) => n + l.quantity, 0);
        const notes = [
          order.released === false ? 'DSCO holds it until the retailer releases it: lifecycle "received"' : '',
          order.shipping?.city === '' ? 'the ship-to address has no city or ZIP code' : '',
        ].filter(Boolean);
        line(
          step.at,
          'DSCO',
          `New PO ${order.po} from ${order.retailer}: ${order.lines.length} line${order.lines.length === 1 ? '' : 's'}, ${units} unit${units === 1 ? '' : 's'}` +
            `${notes.length ? ` (${notes.join('; ')})` : ''}.`,
        );
        break;
      }
      case 'setup': {
        const saved = sim.call<{ ok: boolean; errors?: unknown }>('saveSettings', backend === 'v2' ? { ...DEMO_SETTINGS_FORM, ...DEMO_V2_FORM } : DEMO_SETTINGS_FORM);
        if (!saved.ok) throw new Error(`saveSettings refused the demo settings: ${JSON.stringify(saved.errors)}`);
        const setup = sim.call<{ created: string[] }>('setupSheet');
        const trigger = sim.triggers.list().find((tr) => tr.handlerFunction === 'runScheduledSync');
        line(
          step.at,
          'Sheet',
          `Settings saved through the sidebar (saveSettings: store ${DEMO_STORE.storeId} "${DEMO_STORE.storeName}", every hour` +
            `${trigger ? ', trigger installed' : ''}); Set up sheet created ${setup.created.join(', ')}.`,
        );
        break;
      }
      case 'sync': {
        const result =
          step.via === 'syncNow' ? sim.call<CycleResult>('syncNow') : (sim.triggers.fire('runScheduledSync') as CycleResult);
        const report: CycleReport = { at: step.at, via: step.via, ran: result.ran, message: result.message };
        if (result.summary) report.summary = result.summary;
        if (result.fatal) report.fatal = result.fatal;
        cycles.push(report);
        const label = step.via === 'syncNow' ? 'Sync now' : 'Scheduled';
        const s = result.summary;
        const counts = s
          ? `pulled ${s.pulled} · created ${s.created} · acknowledged ${s.acknowledged} · shipped ${s.shipped} · cancelled ${s.cancelled} · errors ${s.errors}` +
            (s.invoiced ? ` · invoiced ${s.invoiced}` : '') +
            (s.inventorySent ? ` · inventory ${s.inventorySent}` : '') +
            (s.deferred ? ' · more next time' : '')
          : result.message;
        const took = ((clock.now() - t) / 1000).toFixed(1);
        line(step.at, `⟳ ${label}`, `${counts}  (took ${took} s)`, ...(result.fatal ? (['red', 'bold'] as Style[]) : (['bold'] as Style[])));
        if (result.fatal) line(step.at, '', `stopped: ${result.fatal}`, 'red');
        break;
      }
      case 'release':
        control.releaseOrder(idOf(step.po));
        line(step.at, 'DSCO', `${demoOrder(step.po).retailer} releases PO ${step.po} to you (lifecycle "created").`);
        break;
      case 'retailerCancel':
        control.retailerCancel(idOf(step.po), step.code);
        line(step.at, 'DSCO', `${demoOrder(step.po).retailer} cancels PO ${step.po} (code ${step.code}).`);
        break;
      case 'cancelRequest':
        control.retailerCancelRequest(idOf(step.po), step.code);
        line(step.at, 'DSCO', `${demoOrder(step.po).retailer} asks you to cancel PO ${step.po} (cancel request, code ${step.code}).`);
        break;
      case 'ship': {
        const order = ssOrderOf(step.po, step.at);
        if (backend === 'v2') {
          // V2 labels carry no items: a box of some lines is not a V2 label's own (see README, ShipStation API V2).
          labels.set(step.tracking, control.ssV2BuyLabel(order.shipmentId, { trackingNumber: step.tracking, carrierCode: step.carrierCode, serviceCode: step.serviceCode }));
        } else {
          const shipment = control.shipOrder(order.orderId, {
            trackingNumber: step.tracking,
            carrierCode: step.carrierCode,
            serviceCode: step.serviceCode,
            ...(step.items ? { items: step.items.map((it) => ({ lineItemKey: String(it.line), quantity: it.quantity })) } : {}),
          });
          labels.set(step.tracking, shipment.shipmentId);
        }
        line(step.at, 'ShipStation', `Label ${step.carrierCode} / ${step.serviceCode} ${step.tracking} for PO ${step.po}${step.note ? `: ${step.note}` : ''}.`);
        break;
      }
      case 'void': {
        const shipmentId = labels.get(step.tracking);
        if (shipmentId === undefined) throw new Error(`demo scenario: no label ${step.tracking} to void`);
        if (backend === 'v2') control.ssV2VoidLabel(String(shipmentId));
        else control.voidShipment(Number(shipmentId));
        line(step.at, 'ShipStation', `Label ${step.tracking} voided (${step.note}).`);
        break;
      }
      case 'inventory': {
        sim.spreadsheet.getSheetByName('Inventory')!.getRange(step.row, 1, step.rows.length, 4).setValues(step.rows);
        line(step.at, 'Sheet', `Inventory tab: ${step.note}.`);
        break;
      }
      case 'ssCancel': {
        const order = ssOrderOf(step.po, step.at);
        if (backend === 'v2') control.ssV2CancelInUi(order.shipmentId);
        else control.cancelOrder(order.orderId);
        line(step.at, 'ShipStation', `PO ${step.po} cancelled in ShipStation (${step.note}).`);
        break;
      }
    }
  };
  return Object.assign(play, { ids, cycles });
}

function printInventory(rows: unknown[][], write: (line: string) => void, paint: Paint, width: number): void {
  write(paint(`Inventory tab (${rows.length} rows)`, 'bold'));
  for (const r of rows) {
    const head = `  ${text(r[0]).padEnd(15)} ${text(r[1]).padStart(4)}  ${text(r[2] || '').padEnd(13)} `;
    const body = wrap(text(r[5]), width - head.length);
    write(head + (body[0] ?? ''));
    for (const more of body.slice(1)) write(' '.repeat(head.length) + more);
  }
}

function printDashboard(rows: DashboardRow[], write: (line: string) => void, paint: Paint, width: number): void {
  write(paint(`Dashboard (${rows.length} orders)`, 'bold'));
  // Error messages are long: the table points to them, and they follow in full.
  const errors = rows.filter((r) => r.error);
  const table = renderTable(
    [
      { header: 'Flow', min: 9 },
      { header: 'DSCO Order ID', min: 13 },
      { header: 'PO / Retailer', min: 16 },
      { header: 'SS Order #', min: 10 },
      { header: 'Status', min: 10 },
      { header: 'Tracking', min: 12 },
      { header: 'Received', min: 8 },
      { header: 'Updated', min: 7 },
      { header: 'Error', min: 5 },
    ],
    rows.map((r) => [
      r.flow,
      r.dscoOrderId,
      r.poRetailer,
      r.ssOrderNumber,
      r.status,
      r.tracking,
      clockText(r.received),
      clockText(r.updated),
      r.error ? `[${errors.indexOf(r) + 1}]` : '',
    ]),
    width,
    (column, cell, raw) => (column === 4 ? paint(cell, ...(STATUS_STYLE[raw] ?? [])) : column === 8 ? paint(cell, 'red') : cell),
  );
  for (const l of table) write(l);
  errors.forEach((r, i) => {
    write('');
    write(paint(`[${i + 1}] ${r.dscoOrderId}  ${r.poRetailer}`, 'red'));
    for (const l of wrap(r.error, width - 4)) write(`    ${l}`);
  });
}

function printLogs(rows: LogRow[], write: (line: string) => void, paint: Paint, width: number): void {
  const shown = rows.slice(-LOG_ROWS_SHOWN);
  write(paint(`Logs (the last ${shown.length} of ${rows.length} rows)`, 'bold'));
  const levelStyle: Record<string, Style[]> = { ERROR: ['red'], WARN: ['yellow'], INFO: [] };
  const table = renderTable(
    [
      { header: 'Time', min: 8 },
      { header: 'Level', min: 5 },
      { header: 'Flow', min: 9 },
      { header: 'DSCO Order ID', min: 10 },
      { header: 'Message', min: 20 },
    ],
    shown.map((r) => [clockText(r.time, true), r.level, r.flow, r.dscoOrderId, r.message]),
    width,
    (column, cell, raw) => (column === 1 ? paint(cell, ...(levelStyle[raw] ?? [])) : cell),
  );
  for (const l of table) write(l);
}
