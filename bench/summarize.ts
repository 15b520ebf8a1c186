import { DSCO_LIMITS } from './dsco-rate-limits';
import type { ExecutionRecord, Progress, ScenarioResult } from './scenario';

/** ShipStation V1: 40 requests a minute per API key. */
export const SS_PER_MINUTE = 40;
/** The engine's time budget per execution (run-cycle.ts CYCLE_BUDGET_MS): no new request after it. */
export const BUDGET_MS = 270_000;
export const LIMIT_MS = 360_000;
const MIN = 60_000;

export interface FlowSummary {
  flow: string;
  items: number;
  /** Executions in which the flow made progress. */
  executions: number;
  /** Items per minute of the simulated time the flow was busy (first to last of its requests, per execution). */
  achievedPerMin: number;
  /** What the published rate limits allow in that busy time, items per minute, at the engine's items per call; null when no limit is published. */
  allowedPerMin: number | null;
  /** achieved ÷ allowed. */
  ratio: number | null;
  limitNote: string;
}

export interface RunSummary {
  n: number;
  mode: string;
  drained: boolean;
  executions: number;
  /** Lower bound on executions: for each rate-limited endpoint, the calls the engine made ÷ what its limit allows in one 4.5-minute budget; and 2 for the async pipeline. */
  executionsLowerBound: number;
  /**
   * The same bound for the fewest ShipStation calls the work needs: ⌈N/100⌉ createorders, retailer
   * cancellations in batched upserts, the shipments listed once (500 a page), two more lists. What
   * an engine without per-run re-reads could reach.
   */
  executionsIdealBound: number;
  newOrders: number;
  shipments: number;
  cancellations: number;
  simSecondsPerExecution: { mean: number; max: number; all: number[] };
  overBudget: number;
  sheetsCallsPerExecution: { min: number; max: number; mean: number; idle: number | null };
  propertiesCallsPerExecution: { max: number };
  cpuMs: { total: number; engine: number; simulator: number; fakes: number; engineMaxPerExecution: number };
  engineCpuMsPer1000Orders: number;
  /** Orders created in ShipStation and acknowledged in DSCO, per execution. */
  ordersCompletedPerExecution: number[];
  /** All N orders created and acknowledged (sent) within the first execution. */
  allCreatedAndAckedInFirst: boolean;
  calls: Record<string, { total: number; perOrder: number; bytes: number; refused: number }>;
  ssCalls: number;
  dscoCalls: number;
  ssRateUse: number;
  flows: FlowSummary[];
  realSeconds: number;
  warmup: { executions: number; realSeconds: number };
  contractViolations: string[];
}

const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;
const fmtInt = (v: number) => Math.round(v).toLocaleString('en-US');

/**
 * A flow's progress per execution, and the simulated time it was busy: from the start of its first
 * request to the end of its last one in each execution where it made progress (the whole execution
 * when none of its endpoints was called there).
 */
interface FlowProgress {
  items: number;
  executions: number;
  /** Busy time, summed. */
  ms: number;
  /** Busy span [start, end] (simulated epoch ms) in each execution where the flow progressed. */
  windows: [number, number][];
}

function delta(execs: ExecutionRecord[], pick: (p: Progress) => number, endpoints: string[]): FlowProgress {
  let prev = 0;
  let items = 0;
  let executions = 0;
  let ms = 0;
  const windows: [number, number][] = [];
  for (const e of execs) {
    const now = pick(e.progress);
    if (now > prev) {
      items += now - prev;
      executions++;
      const used = endpoints.map((k) => e.calls[k]).filter((c) => c !== undefined);
      const span: [number, number] = used.length ? [Math.min(...used.map((c) => c.firstStart)), Math.max(...used.map((c) => c.lastEnd))] : [0, e.simMs];
      windows.push(span);
      ms += span[1] - span[0];
    }
    prev = now;
  }
  return { items, executions, ms, windows };
}

function callsOf(execs: ExecutionRecord[]): Record<string, { calls: number; bytes: number; refused: number }> {
  const out: Record<string, { calls: number; bytes: number; refused: number }> = {};
  for (const e of execs) {
    for (const [name, s] of Object.entries(e.calls)) {
      const o = (out[name] ??= { calls: 0, bytes: 0, refused: 0 });
      o.calls += s.calls;
      o.bytes += s.bytes;
      o.refused += s.status['429'] ?? 0;
    }
  }
  return out;
}

export function summarize(r: ScenarioResult): RunSummary {
  const ex = r.executions;
  const calls = callsOf(ex);
  const get = (name: string) => calls[name]?.calls ?? 0;
  const ssCalls = Object.entries(calls).filter(([k]) => k.startsWith('SS ')).reduce((n, [, v]) => n + v.calls, 0);
  const dscoCalls = Object.entries(calls).filter(([k]) => k.startsWith('DSCO ')).reduce((n, [, v]) => n + v.calls, 0);
  const simTotalMs = ex.reduce((n, e) => n + e.simMs, 0);
  const sims = ex.map((e) => e.simMs / 1000);
  const sheets = ex.map((e) => e.sheetsCalls);
  const cpu = ex.reduce(
    (a, e) => ({ total: a.total + e.cpuMs, engine: a.engine + e.engineCpuMs, simulator: a.simulator + e.hostMs - e.fakeMs, fakes: a.fakes + e.fakeMs }),
    { total: 0, engine: 0, simulator: 0, fakes: 0 },
  );
  const completed: number[] = [];
  let prev = 0;
  for (const e of ex) {
    const done = Math.min(e.progress.created, e.progress.acknowledged);
    completed.push(done - prev);
    prev = done;
  }

  const flows: FlowSummary[] = [];
  /**
   * `perMinute` items a minute is the sustained ceiling. Over a busy span the limit allows one
   * minute's worth per rate window the span touches: ShipStation counts in fixed windows aligned to
   * the clock's minutes, the DSCO limiter (bench/dsco-rate-limits.ts) in a sliding minute. The ratio
   * is the items moved ÷ what the limit allowed then: 1 means the flow ran at its rate limit all the
   * time it was busy; well below 1, something else (latency, other work, too little work) bound it.
   */
  const flow = (name: string, d: FlowProgress, perMinute: number | null, limitNote: string, windowKind: 'fixed' | 'sliding' = 'sliding') => {
    const achieved = d.ms > 0 ? d.items / (d.ms / MIN) : 0;
    const windowsTouched = ([start, end]: [number, number]) =>
      windowKind === 'fixed' ? Math.floor(end / MIN) - Math.floor(start / MIN) + 1 : Math.max(1, Math.ceil((end - start) / MIN));
    const allowedItems = perMinute === null ? 0 : d.windows.reduce((n, w) => n + perMinute * windowsTouched(w), 0);
    flows.push({
      flow: name,
      items: d.items,
      executions: d.executions,
      achievedPerMin: round(achieved, 1),
      allowedPerMin: perMinute === null || d.ms <= 0 ? null : round(allowedItems / (d.ms / MIN), 1),
      ratio: perMinute === null || !allowedItems ? null : Number((d.items / allowedItems).toPrecision(3)),
      limitNote,
    });
  };
  const createCalls = get('SS POST /orders/createorders');
  const created = delta(ex, (p) => p.created, ['SS POST /orders/createorders']);
  const perCreate = createCalls ? created.items / createCalls : 100;
  flow('create in ShipStation', created, SS_PER_MINUTE * perCreate, `ShipStation 40 req/min × ${round(perCreate, 1)} orders per createorders call`, 'fixed');
  const ackCalls = get('DSCO POST /order/acknowledge');
  const acked = delta(ex, (p) => p.acknowledged, ['DSCO POST /order/acknowledge']);
  // One call may carry 5 MB: at the bytes an acknowledgement takes, that many orders per call.
  const ackBytesPerItem = acked.items ? (calls['DSCO POST /order/acknowledge']?.bytes ?? 0) / acked.items : 0;
  const ackMaxPerCall = ackBytesPerItem ? Math.floor(5_000_000 / ackBytesPerItem) : 0;
  flow(
    'acknowledge in DSCO',
    acked,
    ackMaxPerCall ? DSCO_LIMITS['POST /order/acknowledge'].perMinute * ackMaxPerCall : null,
    `DSCO 1,000 req/min × ${fmtInt(ackMaxPerCall)} orders per 5 MB call; the engine sent ${ackCalls} call(s) of ${fmtInt(ackCalls ? acked.items / ackCalls : 0)}`,
  );
  const single = get('DSCO POST /order/singleShipment');
  const batch = get('DSCO POST /order/shipment/batch/small');
  const shipped = delta(ex, (p) => p.shipmentsInDsco, ['DSCO POST /order/singleShipment', 'DSCO POST /order/shipment/batch/small']);
  if (batch === 0) {
    flow('tracking to DSCO (singleShipment)', shipped, DSCO_LIMITS['POST /order/singleShipment'].perMinute, 'DSCO singleShipment 300 req/min, 1 shipment each');
  } else {
    flow(
      `tracking to DSCO (batch/small${single ? ' + singleShipment' : ''})`,
      shipped,
      null,
      `no published rate for batch/small (5 MB bodies; ${round(shipped.items / batch, 0)} shipments per call)`,
    );
  }
  flow('tracking confirmed on the sheet', delta(ex, (p) => p.shipmentsConfirmed, ['DSCO POST /order/singleShipment', 'DSCO GET /order/log']), null, 'reads /order/log (no published limit); batch outcomes are read one run later');
  // Cancelling in ShipStation reads the order and sends it back whole (V1 has no partial update).
  const ssCancelCalls = get('SS GET /orders/{id}') + get('SS POST /orders/createorder') + get('SS POST /orders/createorders (cancel)');
  const dscoCancels = delta(ex, (p) => p.dscoCancelsApplied, ['SS GET /orders/{id}', 'SS POST /orders/createorder', 'SS POST /orders/createorders (cancel)']);
  const perCancel = dscoCancels.items ? ssCancelCalls / dscoCancels.items : 2;
  flow('retailer cancellations → ShipStation', dscoCancels, SS_PER_MINUTE / perCancel, `ShipStation 40 req/min ÷ ${round(perCancel, 2)} calls per order (one by one: read + upsert; in bulk: 100 per createorders call)`, 'fixed');
  flow('ShipStation cancellations → DSCO', delta(ex, (p) => p.ssCancelsApplied, ['DSCO POST /order/item/cancel']), null, 'DSCO /order/item/cancel: no published rate');

  // Each rate-limited resource can take limit × 4.5 minutes of calls per run; acknowledgements (and
  // batch shipments) are only confirmed by the next run.
  const budgetMin = BUDGET_MS / MIN;
  const pipeline = 2;
  const bounds = [
    Math.ceil(ssCalls / (SS_PER_MINUTE * budgetMin)),
    ...Object.entries(DSCO_LIMITS).map(([k, l]) => Math.ceil(get(`DSCO ${k}`) / (l.perMinute * budgetMin))),
  ];
  return {
    n: r.n,
    mode: r.mode,
    drained: r.drained,
    executions: ex.length,
    executionsLowerBound: Math.max(pipeline, ...bounds),
    executionsIdealBound: Math.max(
      pipeline,
      Math.ceil(
        (Math.ceil(r.n / 100) + Math.ceil(r.counts.dscoCancels / 100) + Math.ceil(r.counts.shipments / 500) + 2) / (SS_PER_MINUTE * budgetMin),
      ),
    ),
    newOrders: r.counts.newOrders,
    shipments: r.counts.shipments,
    cancellations: r.counts.dscoCancels + r.counts.ssCancels,
    simSecondsPerExecution: { mean: round(sims.reduce((a, b) => a + b, 0) / sims.length, 1), max: round(Math.max(...sims), 1), all: sims.map((s) => round(s, 1)) },
    overBudget: ex.filter((e) => e.overBudget || e.simMs > LIMIT_MS).length,
    sheetsCallsPerExecution: {
      min: Math.min(...sheets),
      max: Math.max(...sheets),
      mean: round(sheets.reduce((a, b) => a + b, 0) / sheets.length, 1),
      idle: r.idle ? r.idle.sheetsCalls : null,
    },
    propertiesCallsPerExecution: { max: Math.max(...ex.map((e) => e.propertiesCalls)) },
    cpuMs: {
      total: round(cpu.total, 0),
      engine: round(cpu.engine, 0),
      simulator: round(cpu.simulator, 0),
      fakes: round(cpu.fakes, 0),
      engineMaxPerExecution: round(Math.max(...ex.map((e) => e.engineCpuMs)), 0),
    },
    engineCpuMsPer1000Orders: round((cpu.engine / r.n) * 1000, 0),
    ordersCompletedPerExecution: completed,
    allCreatedAndAckedInFirst: completed[0] === r.n,
    calls: Object.fromEntries(
      Object.entries(calls)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, { total: v.calls, perOrder: round(v.calls / r.n, 4), bytes: v.bytes, refused: v.refused }]),
    ),
    ssCalls,
    dscoCalls,
    ssRateUse: round(ssCalls / (SS_PER_MINUTE * (simTotalMs / MIN)), 3),
    flows,
    realSeconds: round(r.realMs / 1000, 1),
    warmup: { executions: r.warmup.executions, realSeconds: round(r.warmup.realMs / 1000, 1) },
    contractViolations: r.contractViolations,
  };
}

export interface TargetCheck {
  target: string;
  holds: boolean;
  detail: string;
}

/** The issue's targets, checked against the runs (the benchmark reports; it does not fail). */
export function checkTargets(runs: RunSummary[]): TargetCheck[] {
  const out: TargetCheck[] = [];
  const autoRuns = runs.filter((r) => r.mode === 'auto');
  const main = autoRuns.length ? autoRuns : runs;
  for (const r of main) {
    const creates = r.calls['SS POST /orders/createorders']?.total ?? 0;
    out.push({
      target: `N=${r.n}: ShipStation createorders calls ≤ ⌈N/100⌉`,
      holds: creates <= Math.ceil(r.n / 100),
      detail: `${creates} createorders calls (⌈N/100⌉ = ${Math.ceil(r.n / 100)}); paging reads: ${['SS GET /shipments', 'SS GET /fulfillments', 'SS GET /orders'].map((k) => `${k.slice(7)} ${r.calls[k]?.total ?? 0}`).join(', ')}`,
    });
    const acks = r.calls['DSCO POST /order/acknowledge']?.total ?? 0;
    out.push({
      target: `N=${r.n}: DSCO acknowledge calls ≈ ⌈N/1,000⌉ (one batch per cycle, < 5 MB)`,
      holds: acks <= Math.ceil(r.n / 1000),
      detail: `${acks} acknowledge call(s), ${r.calls['DSCO POST /order/acknowledge'] ? Math.round(r.calls['DSCO POST /order/acknowledge'].bytes / acks / 1024) : 0} KiB each on average`,
    });
  }
  const sheetsMax = main.map((r) => r.sheetsCallsPerExecution.max);
  const idle = main.map((r) => r.sheetsCallsPerExecution.idle ?? 0);
  out.push({
    target: 'Sheets calls per cycle constant in N',
    holds: Math.max(...sheetsMax) - Math.min(...sheetsMax) <= 10 && Math.max(...idle) - Math.min(...idle) <= 3,
    detail: main.map((r) => `N=${r.n}: max ${r.sheetsCallsPerExecution.max}, mean ${r.sheetsCallsPerExecution.mean}, idle ${r.sheetsCallsPerExecution.idle}`).join('; '),
  });
  out.push({
    target: 'Engine CPU under 0.5 s per 1,000 orders',
    holds: main.every((r) => r.engineCpuMsPer1000Orders < 500),
    detail: main.map((r) => `N=${r.n}: ${r.engineCpuMsPer1000Orders} ms per 1,000 (total ${r.cpuMs.engine} ms over ${r.executions} runs; max ${r.cpuMs.engineMaxPerExecution} ms in one run)`).join('; '),
  });
  const k = main.find((r) => r.n === 1000);
  if (k) {
    out.push({
      target: '1,000 new orders created and acknowledged within one execution',
      holds: k.allCreatedAndAckedInFirst,
      detail: `${k.ordersCompletedPerExecution[0]} created + acknowledged in the first execution (DSCO confirms acknowledgements asynchronously; the engine reads the confirmation in the next run)`,
    });
  }
  const big = main.find((r) => r.n === 10000);
  if (big) {
    out.push({
      target: 'N=10,000: backlog drains in as few executions as the rate limits allow, none over budget',
      holds: big.drained && big.overBudget === 0 && big.executions <= big.executionsLowerBound,
      detail: `${big.executions} executions (lower bound ${big.executionsLowerBound}: the ${big.ssCalls} ShipStation calls made at 40/min, ${big.calls['DSCO POST /order/singleShipment']?.total ?? 0} singleShipment calls at 300/min, 4.5 minutes a run, and one more run to read asynchronous outcomes; ${big.executionsIdealBound} with the fewest ShipStation calls the work needs); ${big.overBudget} over the 6-minute limit; longest ${big.simSecondsPerExecution.max} s`,
    });
  }
  return out;
}
