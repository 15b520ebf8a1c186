import { ApiError, ConfigError, errorMessage, isSignInFailure, NetworkError, TimeBudgetExceeded } from '../../core/errors';
import type { Clock } from '../../core/ports/clock';
import type { KeyValueStore } from '../../core/ports/key-value-store';
import type { ScriptLock } from '../../core/ports/script-lock';
import type { Workbook } from '../../core/ports/workbook';
import { redact } from '../../core/redact';
import { TimeBudget } from '../../core/time/time-budget';
import type { DscoClient } from '../../dsco/dsco-client';
import { SECRET_FIELDS, type Settings } from '../../settings/settings';
import type { ShipStationPort } from '../../shipstation/shipstation-port';
import { ActivityLog } from './activity-log';
import { CarrierMap } from '../tracking/carrier-map';
import type { CycleContext, CycleSummary } from './cycle-context';
import { CYCLE_STEPS, type StepOutcome } from './cycle-steps';
import { OrderBook } from '../book/order-book';
import { CARRIER_MAP_TAB, LOGS_TAB } from '../book/tabs';
import { Watermarks } from './watermarks';
import { type OrderAtRisk, ordersAtRisk } from '../orders/deadlines-at-risk';
import { RetailerRules } from '../../retailers/retailer-rules';
import { TABS } from '../../storage/storage-map';
import type { RecordView } from '../orders/order-record';

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
  shipstation: (budget: TimeBudget) => ShipStationPort;
}

export interface CycleResult {
  ran: boolean;
  summary: CycleSummary;
  /** One line for a toast: "4 new, 3 shipped, 1 cancelled, 1 error". */
  message: string;
  /** Set when the cycle stopped early for a reason a person must act on. */
  fatal?: string;
  /** With fatal: credentials, settings or a missing tab, which the next run cannot fix by itself. */
  needsPerson?: boolean;
  /** Open orders near a retailer deadline, from the saved records (for the alert e-mail); only after a cycle that finished. */
  ordersAtRisk?: OrderAtRisk[];
  /** The working book's records after a cycle that finished (for the Overview tab, written after the cycle). */
  records?: readonly RecordView[];
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
    settings.ssApiVersion === 'v2'
      ? settings.ssV2ApiKey ? '' : 'the ShipStation API V2 key'
      : settings.ssApiKey && settings.ssApiSecret ? '' : 'the ShipStation API Key and Secret',
    settings.ssStoreId ? '' : 'the ShipStation Store ID',
  ].filter(Boolean);
  if (missing.length) throw new ConfigError(`Sync is not set up yet: enter ${missing.join(', ')} in DSCO Sync → Settings.`);
  return settings as Settings & { ssStoreId: number };
}

/**
 * One sync cycle, under the script lock: the steps of CYCLE_STEPS in order. The sheet is saved
 * after the steps that say so and a watermark moves only after its step is saved, so a run stopped
 * at any point is picked up by the next without duplicates. A step that fails for a reason of its
 * own (an outage, a rate limit) is logged and the others go on; credentials and settings stop the
 * cycle.
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
    const secretValues = secrets();
    const ctx: CycleContext = {
      clock: deps.clock,
      budget,
      settings,
      dsco: deps.dsco(budget),
      shipstation: deps.shipstation(budget),
      book,
      log,
      carrierMap: new CarrierMap(deps.workbook.tab(CARRIER_MAP_TAB)?.readAll().slice(1) ?? []),
      retailers: new RetailerRules(deps.workbook.tab(TABS.retailers.name)?.readAll().slice(1) ?? []),
      watermarks: new Watermarks(deps.store),
      store: deps.store,
      summary,
      createdInDsco: new Map(),
      latestDsco: new Map(),
      justCreated: [],
      sweptShipments: [],
      retrying: mode === 'retry',
      redact: (text) => redact(text, secretValues),
    };
    // Between steps: the records a step handed out are done with, so the next saves look only at
    // what later steps take (a step holds no record past its end; see OrderBook.checkpoint).
    const save = () => {
      ctx.book.checkpoint();
      log.flush(deps.workbook.tab(LOGS_TAB));
    };
    // Watermarks and after-save work wait for the next save: a watermark moves only once the work it covers is saved.
    let waiting: StepOutcome[] = [];
    const commit = () => {
      for (const outcome of waiting) {
        outcome.afterSave?.();
        if (outcome.watermark) ctx.watermarks.set(outcome.watermark.name, outcome.watermark.value);
      }
      waiting = [];
    };
    let heldBack: unknown;
    // Saving serialises the whole working book: the closing save happens only when a step that can change it ran since the last one.
    let unsaved = false;
    for (const step of CYCLE_STEPS) {
      if (step.when && !step.when(ctx)) continue;
      if (budget.expired()) summary.deferred = true;
      else {
        try {
          const outcome = step.run(ctx, deps);
          if (outcome) waiting.push(outcome);
        } catch (e) {
          if (e instanceof TimeBudgetExceeded) {
            summary.deferred = true;
            log.warn('', '', `Time is up for this run during "${step.name}"; the next sync continues from here.`);
          } else if (step.isolateConfigErrors && e instanceof ConfigError) {
            heldBack ??= e;
            log.error('', '', `${step.name} stopped: ${errorMessage(e)} The other steps go on.`);
          } else {
            if (isFatal(e)) throw e;
            const why = e instanceof ApiError || e instanceof NetworkError ? errorMessage(e) : `unexpected problem: ${errorMessage(e)}`;
            log.error('', '', `${step.name} stopped: ${why} The next sync tries again.`);
          }
        }
      }
      if (step.save === true || (typeof step.save === 'function' && step.save(ctx))) {
        save();
        commit();
        unsaved = false;
      } else if (step.changesBook === undefined || step.changesBook === true || (typeof step.changesBook === 'function' && step.changesBook(ctx))) unsaved = true;
    }
    if (unsaved || waiting.length) save();
    else log.flush(deps.workbook.tab(LOGS_TAB));
    commit();
    if (heldBack) throw heldBack;

    const message = describeSummary(summary);
    log.info('', '', `Sync finished (${mode}): ${message}.`);
    log.flush(deps.workbook.tab(LOGS_TAB));
    return { ran: true, summary, message, ordersAtRisk: ordersAtRisk(book.view(), deps.clock.now()), records: book.view() };
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
    return { ran: true, summary, message: `Sync stopped: ${fatal}`, fatal, needsPerson: isFatal(e) };
  } finally {
    deps.lock.release();
  }
}
