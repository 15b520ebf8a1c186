import { ApiError, ConfigError, errorMessage, isSignInFailure, NetworkError, TimeBudgetExceeded } from '../core/errors';
import type { Clock } from '../core/ports/clock';
import type { KeyValueStore } from '../core/ports/key-value-store';
import type { ScriptLock } from '../core/ports/script-lock';
import type { Workbook } from '../core/ports/workbook';
import { redact } from '../core/redact';
import { TimeBudget } from '../core/time/time-budget';
import type { DscoClient } from '../dsco/dsco-client';
import { SECRET_FIELDS, type Settings } from '../settings/settings';
import type { ShipStationClient } from '../shipstation/shipstation-client';
import { acknowledgeOrders, verifyAcknowledgements } from './acknowledge-orders';
import { ActivityLog } from './activity-log';
import { archiveFinished } from './archive-finished';
import { CarrierMap } from './carrier-map';
import { createInShipStation } from './create-in-shipstation';
import type { CycleContext, CycleSummary } from './cycle-context';
import { applyDscoCancellations } from './dsco-cancellations';
import { OrderBook } from './order-book';
import type { OrderRecord } from './order-record';
import { pullNewOrders } from './pull-new-orders';
import { pushTracking } from './push-tracking';
import { retryFailedSteps } from './retry-failed-steps';
import { applyShipStationCancellations } from './shipstation-cancellations';
import { CARRIER_MAP_TAB, LOGS_TAB } from './tabs';
import { Watermarks } from './watermarks';

/** Apps Script stops an execution at 6 minutes; no new work starts after 4.5. */
export const CYCLE_BUDGET_MS = 270_000;
const LOCK_WAIT_MS = 1_000;

export type CycleMode = 'manual' | 'scheduled' | 'retry';

export interface SyncDeps {
  clock: Clock;
  lock: ScriptLock;
  workbook: Workbook;
  store: KeyValueStore;
  settings: Settings;
  dsco: (budget: TimeBudget) => DscoClient;
  shipstation: (budget: TimeBudget) => ShipStationClient;
}

export interface CycleResult {
  ran: boolean;
  summary: CycleSummary;
  /** One line for a toast: "4 new, 3 shipped, 1 cancelled, 1 error". */
  message: string;
  /** Set when the cycle stopped early for a reason a person must act on. */
  fatal?: string;
}

function emptySummary(): CycleSummary {
  return { pulled: 0, created: 0, acknowledged: 0, shipped: 0, cancelled: 0, errors: 0, deferred: false };
}

export function describeSummary(s: CycleSummary): string {
  const text = `${s.pulled} new, ${s.shipped} shipped, ${s.cancelled} cancelled, ${s.errors} error${s.errors === 1 ? '' : 's'}`;
  return s.deferred ? `${text} (more work waits for the next sync)` : text;
}

/** An authentication failure stops the cycle: every later call would fail the same way. */
function isFatal(e: unknown): boolean {
  return e instanceof ConfigError || (e instanceof ApiError && (e.status === 401 || e.status === 403)) || isSignInFailure(e);
}

function requireSettings(settings: Settings): Settings & { ssStoreId: number } {
  const missing = [
    settings.dscoClientId && settings.dscoClientSecret ? '' : 'the DSCO Client ID and Secret',
    settings.ssApiKey && settings.ssApiSecret ? '' : 'the ShipStation API Key and Secret',
    settings.ssStoreId ? '' : 'the ShipStation Store ID',
  ].filter(Boolean);
  if (missing.length) throw new ConfigError(`Sync is not set up yet: enter ${missing.join(', ')} in DSCO Sync → Settings.`);
  return settings as Settings & { ssStoreId: number };
}

/**
 * One sync cycle, under the script lock: verify pending acknowledgements, pull new DSCO orders,
 * create them in ShipStation, acknowledge them, send tracking back, and propagate cancellations
 * both ways. The sheet is saved after each stage and a watermark moves only after its stage is
 * saved, so a run stopped at any point is picked up by the next without duplicates.
 */
export function runCycle(deps: SyncDeps, mode: CycleMode): CycleResult {
  const summary = emptySummary();
  const secrets = () => SECRET_FIELDS.map((f) => deps.settings[f]);
  const log = new ActivityLog(() => deps.clock.now(), secrets);
  if (!deps.lock.tryAcquire(LOCK_WAIT_MS)) {
    log.warn('', '', 'skipped: a sync is already running');
    log.flush(deps.workbook.tab(LOGS_TAB));
    return { ran: false, summary, message: 'Skipped: a sync is already running.' };
  }
  let book: OrderBook | undefined;
  try {
    const budget = new TimeBudget(deps.clock, CYCLE_BUDGET_MS);
    const settings = requireSettings(deps.settings);
    book = OrderBook.load(deps.workbook, deps.store);
    for (const d of book.damaged()) log.error('', d.dscoOrderId, `Row ${d.sheetRow} of the hidden _Orders tab cannot be read (${d.problem}); it is kept and shown as an Error row.`);
    const ctx: CycleContext = {
      clock: deps.clock,
      budget,
      settings,
      dsco: deps.dsco(budget),
      shipstation: deps.shipstation(budget),
      book,
      log,
      carrierMap: new CarrierMap(deps.workbook.tab(CARRIER_MAP_TAB)?.readAll().slice(1) ?? []),
      watermarks: new Watermarks(deps.store),
      store: deps.store,
      summary,
      createdInDsco: new Map(),
      retrying: mode === 'retry',
    };
    const save = () => {
      ctx.book.save();
      log.flush(deps.workbook.tab(LOGS_TAB));
    };
    const stage = <T>(name: string, work: () => T): T | undefined => {
      if (budget.expired()) {
        summary.deferred = true;
        return undefined;
      }
      try {
        return work();
      } catch (e) {
        if (e instanceof TimeBudgetExceeded) {
          summary.deferred = true;
          log.warn('', '', `Time is up for this run during "${name}"; the next sync continues from here.`);
          return undefined;
        }
        if (isFatal(e)) throw e;
        const why = e instanceof ApiError || e instanceof NetworkError ? errorMessage(e) : `unexpected problem: ${errorMessage(e)}`;
        log.error('', '', `${name} stopped: ${why} The next sync tries again.`);
        return undefined;
      }
    };

    // Once a day, first: a day of long runs near the time budget can never starve it.
    stage('Archiving finished orders', () => archiveFinished(ctx, deps.workbook, save));
    if (ctx.retrying) stage('Retrying failed orders', () => retryFailedSteps(ctx));
    stage('Checking acknowledgements', () => verifyAcknowledgements(ctx));
    stage('Reading new DSCO orders', () => pullNewOrders(ctx));
    const created = stage('Creating orders in ShipStation', () => createInShipStation(ctx)) ?? [];
    // Saved before acknowledging: once DSCO has the acknowledgement the order is no longer pulled,
    // so it must already be on the sheet if this run dies right after.
    save();
    stage('Acknowledging orders in DSCO', () => acknowledgeOrders(ctx, created as OrderRecord[]));
    save();

    const tracking = stage('Sending tracking to DSCO', () => pushTracking(ctx));
    save();
    if (tracking) {
      tracking.settle();
      ctx.watermarks.set('shipments', tracking.watermark);
    }

    const dscoMark = stage('Reading DSCO cancellations', () => applyDscoCancellations(ctx));
    const ssMark = stage('Reading ShipStation cancellations', () => applyShipStationCancellations(ctx));
    save();
    if (dscoMark !== undefined) ctx.watermarks.set('dscoUpdates', dscoMark);
    if (ssMark !== undefined) ctx.watermarks.set('shipstationCancels', ssMark);

    const message = describeSummary(summary);
    log.info('', '', `Sync finished (${mode}): ${message}.`);
    log.flush(deps.workbook.tab(LOGS_TAB));
    return { ran: true, summary, message };
  } catch (e) {
    const known = e instanceof ApiError || e instanceof NetworkError || e instanceof ConfigError;
    const fatal = redact(
      known ? errorMessage(e) : `Google Sheets or the script failed (${errorMessage(e)}). Nothing is lost: the next sync continues from the last save.`,
      secrets(),
    );
    log.error('', '', `Sync stopped: ${fatal}`);
    try {
      book?.save();
      log.flush(deps.workbook.tab(LOGS_TAB));
    } catch {
      // The sheet itself failed; nothing more can be written. The next run starts from the last save.
    }
    return { ran: true, summary, message: `Sync stopped: ${fatal}`, fatal };
  } finally {
    deps.lock.release();
  }
}
