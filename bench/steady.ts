import { SETTINGS_FORM } from '../sandbox/world';
import { ARCHIVE_MAX_ROWS, PROPERTIES, TABS } from '../src/storage/storage-map';
import { createBench, type CostModel, execute, type ExecutionRecord } from './scenario';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** Midnight Pacific (PST) on the first simulated day. */
const START = Date.parse('2026-03-02T08:00:00Z');
const GAP = 15 * MIN;

/** Ratios of a steady day (see README "Performance"). */
export const STEADY_MIX = {
  /** Orders arrive from 08:00 to 18:00 Pacific, evenly; labels are bought the next working day in the same hours. */
  workdayHours: [8, 18] as const,
  /** Cancelled before shipping: half by the retailer in DSCO, half in ShipStation. */
  cancelShare: 0.03,
  /** Shipped in two labels, a day apart (two-line orders). */
  splitShare: 0.05,
  /** A label with a carrier service missing from the Carrier Map: an Error row until a person adds the row and presses Retry failed orders, the next morning. */
  errorShare: 0.005,
};

export interface SteadyOptions {
  perDay: number;
  /** Script Property SHIPMENT_BATCH_THRESHOLD for the run (default: the product's). */
  batchThreshold?: number;
  /** The Archive finished orders after (days) setting (default: the product's, 7). */
  archiveAfterDays?: number;
  /** Days simulated order by order; at least the archive age plus a few, so the working book reaches its steady size. */
  realDays: number;
  /** Of those, the days every 15-minute run is executed; the others run every two hours (cheap mode). */
  fullDays: number[];
  costs: CostModel;
  log?: (line: string) => void;
}

export interface SteadyDay {
  day: number;
  label: string;
  full: boolean;
  runs: number;
  /** Per run, simulated seconds (full days only). */
  runSeconds?: { median: number; max: number };
  triggerMinutes?: number;
  /** Engine CPU (Node, before the ×5 charge) per run, median (full days only). */
  engineCpuMsMedian?: number;
  fetches?: number;
  sheetsCalls?: number;
  overBudget: number;
  cells: number;
  workingRows: number;
  ledgerRows: number;
  archiveRows: number;
}

export interface SteadyResult {
  perDay: number;
  days: SteadyDay[];
  realMs: number;
  /** Engine CPU per 1,000 orders over the full days. */
  engineCpuMsPer1000: number;
  /** Test actions the fakes refused (an order already in another state): skipped. */
  skippedActions: number;
}

interface Planned {
  at: number;
  act: () => void;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
}

/**
 * A year of steady traffic at `perDay` orders a day. Days 1..realDays are simulated order by order
 * on the built bundle (full days: all 96 runs; other days: a run every two hours, which does the
 * same work in fewer runs). Nothing the product keeps grows after the archive age except the
 * Archive, which is bounded; so the last simulated day is run again with the Archive filled (host
 * side, from the storage map's layout) to the size it has on day 365, and reported as day 365.
 */
export function runSteady(opts: SteadyOptions): SteadyResult {
  const log = opts.log ?? (() => undefined);
  const realStart = Date.now();
  const b = createBench(opts.costs);
  b.clock.set(START);
  const archiveSetting = opts.archiveAfterDays === undefined ? {} : { archiveAfterDays: String(opts.archiveAfterDays) };
  const res = b.sim.call<{ ok: boolean; errors?: unknown }>('saveSettings', { ...SETTINGS_FORM, pollIntervalHours: '0.25', ...archiveSetting });
  if (!res.ok) throw new Error(`saveSettings refused: ${JSON.stringify(res.errors)}`);
  b.sim.call('setupSheet');
  if (opts.batchThreshold !== undefined) b.sim.properties.script.setProperty(PROPERTIES.shipmentBatchThreshold, String(opts.batchThreshold));
  const carrierMap = b.sim.spreadsheet.getSheetByName(TABS.carrierMap.name)!;

  const plan: Planned[] = [];
  let seq = 0;
  const rand = () => {
    // deterministic: a linear congruential generator
    seq = (seq * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seq / 2_147_483_648;
  };
  const workAt = (day: number) => START + day * DAY + STEADY_MIX.workdayHours[0] * HOUR + rand() * (STEADY_MIX.workdayHours[1] - STEADY_MIX.workdayHours[0]) * HOUR;
  const ssOrder = (id: string) => b.ss.findByOrderKey(id);
  let tracking = 0;
  const label = (id: string, service = 'ups_ground', items?: { lineItemKey: string; quantity: number }[]) => {
    const o = ssOrder(id);
    if (!o || o.orderStatus !== 'awaiting_shipment') return;
    attempt(() => b.ss.shipOrder(Number(o.orderId), { trackingNumber: `1ZY${String(++tracking).padStart(10, '0')}`, carrierCode: 'ups', serviceCode: service, items }));
  };

  /** A test action the fake refuses (the order is in another state by then) is skipped, as a person would. */
  const attempt = (fn: () => void) => {
    try {
      fn();
    } catch {
      skipped++;
    }
  };
  let skipped = 0;

  const schedule = (day: number) => {
    for (let i = 0; i < opts.perDay; i++) {
      const arrive = workAt(day - 1);
      const r = rand();
      const split = r < STEADY_MIX.splitShare;
      plan.push({
        at: arrive,
        act: () => {
          const order = b.dsco.seedOrder(split ? { lineItems: [{}, {}] } : {});
          const id = order.dscoOrderId;
          const shipAt = workAt(day);
          if (r < STEADY_MIX.splitShare) {
            plan.push({
              at: shipAt,
              act: () => {
                const first = ssOrder(id)?.items?.[0];
                if (first) label(id, 'ups_ground', [{ lineItemKey: String(first.lineItemKey), quantity: 1 }]);
              },
            });
            plan.push({ at: shipAt + DAY, act: () => label(id) });
          } else if (r < STEADY_MIX.splitShare + STEADY_MIX.cancelShare / 2) {
            plan.push({ at: shipAt - 6 * HOUR, act: () => attempt(() => b.dsco.retailerCancel(id)) });
          } else if (r < STEADY_MIX.splitShare + STEADY_MIX.cancelShare) {
            plan.push({ at: shipAt - 6 * HOUR, act: () => attempt(() => b.ss.cancelOrder(Number(ssOrder(id)?.orderId))) });
          } else if (r < STEADY_MIX.splitShare + STEADY_MIX.cancelShare + STEADY_MIX.errorShare) {
            plan.push({ at: shipAt, act: () => label(id, `ups_regional_d${day}`) });
          } else {
            plan.push({ at: shipAt, act: () => label(id) });
          }
        },
      });
    }
    // The next morning a person adds the missing Carrier Map row and presses Retry failed orders.
    plan.push({
      at: START + (day + 1) * DAY + 9 * HOUR,
      act: () => {
        carrierMap.appendRow(['ups', `ups_regional_d${day}`, 'UPS', 'Ground', 'UPSG']);
        b.sim.call('retryFailed');
      },
    });
  };

  const cellsNow = () => b.sim.spreadsheet.getSheets().reduce((n, s) => n + s.getMaxRows() * s.getMaxColumns(), 0);
  const usedRows = (name: string) => b.sim.readSheet(name).slice(1).filter((r) => r.some((v) => v !== '' && v !== null)).length;
  const days: SteadyDay[] = [];
  let engineMs = 0;
  let engineOrders = 0;

  const runDay = (day: number, full: boolean, labelText: string) => {
    schedule(day);
    const dayStart = START + (day - 1) * DAY;
    const step = full ? GAP : 2 * HOUR;
    const runs: ExecutionRecord[] = [];
    for (let t = dayStart + step; t <= dayStart + DAY; t += step) {
      plan.sort((x, y) => x.at - y.at);
      while (plan.length && plan[0].at <= t) {
        const p = plan.shift()!;
        if (b.clock.now() < p.at) b.clock.set(p.at);
        p.act();
      }
      if (b.clock.now() < t) b.clock.set(t);
      runs.push(execute(b, runs.length + 1, undefined));
    }
    const secs = runs.map((r) => r.simMs / 1000);
    if (full) {
      engineMs += runs.reduce((n, r) => n + r.engineCpuMs, 0);
      engineOrders += opts.perDay;
    }
    const d: SteadyDay = {
      day,
      label: labelText,
      full,
      runs: runs.length,
      ...(full
        ? {
            runSeconds: { median: Math.round(median(secs) * 10) / 10, max: Math.round(Math.max(...secs) * 10) / 10 },
            triggerMinutes: Math.round((secs.reduce((n, s) => n + s, 0) / 60) * 10) / 10,
            engineCpuMsMedian: Math.round(median(runs.map((r) => r.engineCpuMs))),
            fetches: runs.reduce((n, r) => n + r.urlFetches, 0),
            sheetsCalls: runs.reduce((n, r) => n + r.sheetsCalls, 0),
          }
        : {}),
      overBudget: runs.filter((r) => r.overBudget || r.simMs > 360_000).length,
      cells: cellsNow(),
      workingRows: usedRows(TABS.orders.name),
      ledgerRows: usedRows(TABS.shipments.name),
      archiveRows: usedRows(TABS.archive.name),
    };
    days.push(d);
    log(
      `day ${labelText}: ${d.runs} runs${full ? `, run s median ${d.runSeconds!.median} max ${d.runSeconds!.max}, ${d.triggerMinutes} trigger-min, ${d.fetches} fetches, engine CPU ${d.engineCpuMsMedian} ms/run` : ''}; ` +
        `cells ${d.cells.toLocaleString('en-US')}, working ${d.workingRows}, ledger ${d.ledgerRows}, archive ${d.archiveRows}`,
    );
  };

  for (let day = 1; day <= opts.realDays; day++) runDay(day, opts.fullDays.includes(day), String(day));

  // Day 365: the Archive as it would be after a year (bounded), then one more full day.
  const archive = b.sim.spreadsheet.getSheetByName(TABS.archive.name)!;
  const have = usedRows(TABS.archive.name);
  // Every order finishes (shipped or cancelled) and reaches the Archive after the archive age.
  const finishedPerDay = opts.perDay;
  const target = Math.min(ARCHIVE_MAX_ROWS, have + finishedPerDay * (365 - opts.realDays - 1));
  if (target > have) {
    // The Dashboard's first ten columns filled, the rest (retailer, deadlines) blank: the Archive's full width either way.
    const pad = Array.from({ length: target - have }, (_, i) => {
      const row: unknown[] = ['DSCO → SS', `Y${i}`, `PO-Y${i} / Retailer`, `Y${i}`, 'Shipped', `1ZYEAR${i}`, new Date(START), new Date(START), '', '1 ordered · 1 shipped'];
      while (row.length < TABS.archive.width) row.push('');
      return row;
    });
    archive.insertRowsBefore(2, pad.length);
    archive.getRange(2, 1, pad.length, TABS.archive.width).setValues(pad);
  }
  runDay(opts.realDays + 1, true, '365');
  return { perDay: opts.perDay, days, realMs: Date.now() - realStart, engineCpuMsPer1000: engineOrders ? Math.round((engineMs / engineOrders) * 1000) : 0, skippedActions: skipped };
}
