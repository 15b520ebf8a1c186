import { ApiError, errorMessage, isOrderSpecific, isRunLevel } from '../../core/errors';
import { chunkJsonArray } from '../../core/text/json-batches';
import type { DscoChangeLog, DscoChangeLogEntry, DscoShipmentsForUpdate } from '../../dsco/dsco-types';
import { type CycleContext, isoSeconds, markError } from '../cycle/cycle-context';
import { flag, unitsOf } from '../orders/order-state';
import { describeChangeLogResults } from '../../dsco/describe-change-log-results';
import { HOUR_MS, MINUTE_MS } from '../../core/time/durations';
import { DSCO_MAX_BODY_BYTES } from '../../dsco/dsco-limits';
import type { OrderRecord, PendingShipment } from '../orders/order-record';
import { REFUSED_NEXT_STEP, recordShipment, describeLines, type Push, shipmentBody } from './shipment-apply';

/**
 * Above this many shipments in one cycle, tracking goes to DSCO in asynchronous batches
 * (POST /order/shipment/batch/small) instead of one singleShipment call each. A batch costs one
 * call, and its outcome one read of DSCO's change log in the next cycle: from 3 shipments a run it
 * saves calls. Measured in the steady-traffic benchmark at 2,000 orders a day: 2,788 fetches a day
 * with the former 500, 989 with batches (and 19 instead of 26 trigger minutes). One or two
 * shipments still get singleShipment's immediate answer.
 * The Script Property SHIPMENT_BATCH_THRESHOLD overrides it (0: always batch).
 */
export const DEFAULT_SHIPMENT_BATCH_THRESHOLD = 2;
export const SHIPMENT_BATCH_THRESHOLD_KEY = 'SHIPMENT_BATCH_THRESHOLD';
/** DSCO takes up to 5 MB per batch call; this leaves room for any reading of "MB". */
export const MAX_BATCH_BYTES = DSCO_MAX_BODY_BYTES;
/** A batch whose answer was lost, and that DSCO's change log still does not show after this long, never arrived. */
export const LOST_BATCH_GRACE_MS = 15 * MINUTE_MS;
/** A shipment DSCO has reported nothing about for this long becomes an Error (Retry failed orders sends it again). */
export const PENDING_GIVE_UP_MS = 24 * HOUR_MS;

export function shipmentBatchThreshold(ctx: CycleContext): number {
  const raw = ctx.store.get(SHIPMENT_BATCH_THRESHOLD_KEY);
  const n = raw === null || raw.trim() === '' ? NaN : Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : DEFAULT_SHIPMENT_BATCH_THRESHOLD;
}

interface Waiting {
  record: OrderRecord;
  p: PendingShipment;
}

export interface BatchCheck {
  /** Shipments still waiting for DSCO's outcome: not to be sent again. */
  pending: Set<string>;
  /** Shipments DSCO refused in this check: not to be sent again in this run, even by Retry failed orders. */
  failed: Set<string>;
}

const entryKey = (dscoOrderId: string, tracking: string) => `${dscoOrderId}\u0000${tracking}`;
const RANK: Record<string, number> = { success: 3, pending: 2, failure: 1 };

/** Change-log entries of shipment payloads by order and tracking number; the most conclusive one wins. */
function indexEntries(logs: DscoChangeLogEntry[]): Map<string, DscoChangeLogEntry> {
  const out = new Map<string, DscoChangeLogEntry>();
  for (const e of logs) {
    const payload = e.payload as { dscoOrderId?: unknown; shipments?: { trackingNumber?: unknown }[] } | undefined;
    if (!payload || !Array.isArray(payload.shipments)) continue;
    for (const s of payload.shipments) {
      const key = entryKey(String(payload.dscoOrderId ?? ''), String(s?.trackingNumber ?? ''));
      const seen = out.get(key);
      if (!seen || (RANK[e.status] ?? 0) > (RANK[seen.status] ?? 0)) out.set(key, e);
    }
  }
  return out;
}

function removePending(record: OrderRecord, p: PendingShipment): void {
  const left = (record.pendingShipments ?? []).filter((x) => x !== p);
  if (left.length) record.pendingShipments = left;
  else delete record.pendingShipments;
}

class Resolver {
  readonly failedRecords = new Set<OrderRecord>();
  readonly check: BatchCheck = { pending: new Set(), failed: new Set() };

  constructor(private readonly ctx: CycleContext) {}

  /** Applies DSCO's outcome for one shipment; returns false while there is none yet. */
  resolve(w: Waiting, entry: DscoChangeLogEntry | undefined, completed: boolean, requestId: string): boolean {
    const { ctx } = this;
    if (entry?.status === 'success') {
      this.confirm(w, requestId);
      return true;
    }
    if (entry?.status === 'failure') {
      this.fail(w, describeChangeLogResults(entry), REFUSED_NEXT_STEP);
      return true;
    }
    if (!entry && completed) {
      this.fail(w, `DSCO finished batch ${requestId} without a result for it. Check the order in DSCO; Retry failed orders sends it again`);
      return true;
    }
    if (ctx.clock.now() - w.p.sentAt > PENDING_GIVE_UP_MS) {
      this.fail(w, `DSCO has reported no outcome of batch ${requestId || '(answer lost)'} for a day. Check the order in DSCO; Retry failed orders sends it again`);
      return true;
    }
    this.check.pending.add(w.p.key);
    return false;
  }

  private confirm({ record, p }: Waiting, requestId: string): void {
    const { ctx } = this;
    ctx.book.recordPush({ key: p.key, dscoOrderId: record.dscoOrderId, tracking: p.tracking, pushedAt: ctx.clock.now(), note: `${p.kind}, batch ${requestId}` });
    removePending(record, p);
    const u = unitsOf(record);
    if (u.open === 0 && u.shipped === 0 && u.cancelled > 0) {
      ctx.log.warn('SS → DSCO', record.dscoOrderId, `DSCO took tracking ${p.tracking} (batch ${requestId}), but the order was cancelled meanwhile. Check the order.`);
      return;
    }
    const keepFlag = record.failedStep === 'ship' && (!p.retry || this.failedRecords.has(record));
    const flagged = keepFlag ? { step: record.failedStep, error: record.error } : undefined;
    recordShipment(ctx, record, p.key, p.tracking, p.lines, p.createdAt);
    if (flagged) flag(record, 'ship', flagged.error ?? '', 'SS → DSCO', ctx.clock.now());
    ctx.summary.shipped++;
    ctx.log.info('SS → DSCO', record.dscoOrderId, `DSCO took tracking ${p.tracking} for ${describeLines(p.lines)} (batch ${requestId}).`);
  }

  /** `nextStep` is added when `why` is DSCO's own reason; the other reasons already say what to do. */
  private fail({ record, p }: Waiting, why: string, nextStep = ''): void {
    removePending(record, p);
    this.failedRecords.add(record);
    this.check.failed.add(p.key);
    markError(this.ctx, record, 'ship', `DSCO refused tracking ${p.tracking}: ${why.replace(/[.\s]+$/, '')}.${nextStep ? ` ${nextStep}` : ''}`, 'SS → DSCO');
  }
}

/**
 * Reads DSCO's outcome of the shipments sent in earlier batches. With a requestId the batch's
 * change log gives each shipment's result: success records it in the ledger (never sent again)
 * and updates the order; failure makes the order an Error, as a refused singleShipment does.
 * Without one (the answer was lost, or the run stopped right after the call), DSCO's change log is
 * searched from the time of sending; a shipment it does not show after LOST_BATCH_GRACE_MS never
 * arrived and becomes sendable again.
 */
export function checkShipmentBatches(ctx: CycleContext): BatchCheck {
  const resolver = new Resolver(ctx);
  const byRequest = new Map<string, Waiting[]>();
  const lost: Waiting[] = [];
  for (const record of ctx.book.select((r) => (r.pendingShipments?.length ?? 0) > 0)) {
    for (const p of record.pendingShipments ?? []) {
      const w = { record, p };
      if (p.requestId) {
        const list = byRequest.get(p.requestId);
        if (list) list.push(w);
        else byRequest.set(p.requestId, [w]);
      } else lost.push(w);
    }
  }
  const read = (what: string, fetch: () => DscoChangeLog): DscoChangeLog | undefined => {
    if (ctx.budget.expired()) return undefined;
    try {
      return fetch();
    } catch (e) {
      if (isRunLevel(e)) throw e;
      ctx.log.warn('SS → DSCO', '', `Could not read DSCO's outcome of ${what} yet: ${errorMessage(e)} The next sync checks again.`);
      return undefined;
    }
  };

  for (const [requestId, list] of byRequest) {
    const log = read(`shipment batch ${requestId}`, () => ctx.dsco.getChangeLog(requestId, 'shipment batch check (order change log)'));
    const entries = log ? indexEntries(log.logs) : new Map<string, DscoChangeLogEntry>();
    for (const w of list) {
      if (log) resolver.resolve(w, entries.get(entryKey(w.record.dscoOrderId, w.p.tracking)), log.status === 'COMPLETED', requestId);
      else resolver.check.pending.add(w.p.key);
    }
  }

  if (lost.length) {
    const now = ctx.clock.now();
    const since = Math.min(...lost.map((w) => w.p.sentAt)) - 60_000;
    const log = read('a shipment batch whose answer was lost', () => ctx.dsco.getChangeLogBetween(isoSeconds(since), isoSeconds(now)));
    const entries = log ? indexEntries(log.logs) : new Map<string, DscoChangeLogEntry>();
    for (const w of lost) {
      const entry = entries.get(entryKey(w.record.dscoOrderId, w.p.tracking));
      if (entry) {
        if (entry.requestId) w.p.requestId = entry.requestId;
        resolver.resolve(w, entry, false, entry.requestId ?? '');
      } else if (log && now - w.p.sentAt > LOST_BATCH_GRACE_MS) {
        removePending(w.record, w.p);
        ctx.log.warn('SS → DSCO', w.record.dscoOrderId, `Tracking ${w.p.tracking} from a batch whose answer was lost is not in DSCO's change log after ${LOST_BATCH_GRACE_MS / 60_000} minutes: it never arrived and is sent again.`);
      } else resolver.check.pending.add(w.p.key);
    }
  }
  return resolver.check;
}

/** The earliest ShipStation creation time of a shipment whose batch answer was lost: the watermark must not pass it. */
export function oldestLostShipment(ctx: CycleContext): number | undefined {
  let oldest: number | undefined;
  for (const r of ctx.book.view()) {
    for (const p of r.pendingShipments ?? []) if (!p.requestId && (oldest === undefined || p.createdAt < oldest)) oldest = p.createdAt;
  }
  return oldest;
}

export interface BatchSendOutcome {
  /** The ShipStation creation time of the first shipment not sent (time, rate limit): the watermark stays at or before it. */
  oldestUnsent?: number;
  /** Pushes DSCO refused as a whole batch: to be sent one by one, for per-order answers. */
  refused: Push[];
}

/**
 * Sends shipments in asynchronous batches of up to MAX_BATCH_BYTES. Each batch is first written to
 * the sheet as pending on its orders (so a run that stops right after the call never sends it
 * again), then sent; the requestId DSCO answers is kept for checkShipmentBatches.
 */
export function sendShipmentBatches(ctx: CycleContext, pushes: Push[]): BatchSendOutcome {
  const items = pushes.map((push) => ({ push, body: { dscoOrderId: push.record.dscoOrderId, shipments: [shipmentBody(push)] } as DscoShipmentsForUpdate }));
  const chunks = chunkJsonArray(items, MAX_BATCH_BYTES, (c) => c.body);
  const refused: Push[] = [];
  const oldestFrom = (from: number) => Math.min(...chunks.slice(from).flat().map((c) => c.push.candidate.createdAt));
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i];
    if (ctx.budget.expired()) {
      ctx.summary.deferred = true;
      ctx.log.warn('SS → DSCO', '', `Time is up for this run: ${chunks.slice(i).flat().length} tracking number(s) will be sent by the next sync.`);
      return { oldestUnsent: oldestFrom(i), refused };
    }
    const sentAt = ctx.clock.now();
    const entries = chunk.map(({ push }) => {
      const p: PendingShipment = {
        key: push.candidate.key,
        kind: push.candidate.kind,
        tracking: push.candidate.tracking,
        lines: push.lines,
        createdAt: push.candidate.createdAt,
        sentAt,
      };
      if (push.record.failedStep === 'ship') p.retry = true;
      (push.record.pendingShipments ??= []).push(p);
      return { record: push.record, p };
    });
    // Write-ahead: from here on the sheet says these shipments may be in DSCO.
    ctx.book.save();
    let requestId: string;
    try {
      requestId = ctx.dsco.createShipmentSmallBatch(chunk.map((c) => c.body)).requestId;
    } catch (e) {
      // 401/403, no time left, 429 after the retries, or a 4xx: DSCO did not take the batch.
      const notTaken = isRunLevel(e) || isOrderSpecific(e) || (e instanceof ApiError && e.status === 429);
      if (!notTaken) {
        // 5xx, 408 or no answer: DSCO may have taken it. The pending entries stay without a requestId.
        ctx.log.warn('SS → DSCO', '', `Sending ${chunk.length} tracking number(s) to DSCO in one batch had no clear answer (${errorMessage(e)}); the next sync looks for them in DSCO's change log before sending any again.`);
        return { oldestUnsent: i + 1 < chunks.length ? oldestFrom(i + 1) : undefined, refused };
      }
      for (const { record, p } of entries) removePending(record, p);
      if (isRunLevel(e)) throw e;
      if (isOrderSpecific(e)) {
        ctx.log.warn('SS → DSCO', '', `DSCO refused a batch of ${chunk.length} tracking number(s) as a whole (${errorMessage(e)}); they are sent one by one instead.`);
        refused.push(...chunk.map((c) => c.push));
        continue;
      }
      ctx.summary.deferred = true;
      ctx.log.warn('SS → DSCO', '', `DSCO is rate-limiting shipment batches (${errorMessage(e)}); ${chunks.slice(i).flat().length} tracking number(s) wait for the next sync.`);
      return { oldestUnsent: oldestFrom(i), refused };
    }
    for (const { p } of entries) p.requestId = requestId;
    ctx.log.info('SS → DSCO', '', `Sent ${chunk.length} tracking number(s) to DSCO in one batch (request ${requestId}); DSCO applies them shortly and the next sync records each outcome.`);
  }
  return { refused };
}
