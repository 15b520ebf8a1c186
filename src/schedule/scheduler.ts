import { HOUR_MS, MINUTE_MS } from '../core/time/durations';
import type { Clock } from '../core/ports/clock';
import type { KeyValueStore } from '../core/ports/key-value-store';
import type { CurrentUser, TimeTriggers } from '../core/ports/time-triggers';
import { PROPERTIES } from '../storage/storage-map';
import { cadenceFor, cadenceMinutes, describeCadence, describeInterval } from './cadence';

export const SYNC_HANDLER = 'runScheduledSync';
const KEY = {
  owner: PROPERTIES.scheduleOwner,
  interval: PROPERTIES.scheduleInterval,
  lastRun: PROPERTIES.scheduleLastRun,
  created: PROPERTIES.scheduleCreated,
  paused: PROPERTIES.schedulePaused,
};
const MINUTE = MINUTE_MS;

export interface ScheduleView {
  active: boolean;
  paused: boolean;
  owner: string | null;
  ownedByMe: boolean;
  intervalHours: number | null;
  description: string;
  nextDueAt: number | null;
  /** The last scheduled sync that ran (one skipped by the lock does not count). */
  lastRunAt: number | null;
  /** A schedule that should run but has not for more than two intervals: its trigger is probably gone. */
  notRunning: boolean;
}

/** What a trigger run should do: sync, or exit because it is not (or no longer) the schedule's. */
export type RunDecision = { run: true } | { run: false; reason: string };

/**
 * The time-driven trigger of runScheduledSync. A trigger runs as the person who created it and
 * nobody else can see or delete it, so one person owns the schedule (recorded in Script
 * Properties); another editor's save never creates a second one. Every run checks whether a sync
 * is due, which lets intervals Apps Script cannot schedule directly (e.g. 3 h or 0.75 h) run on a
 * divisor of the interval.
 */
export class Scheduler {
  constructor(
    private readonly store: KeyValueStore,
    private readonly triggers: TimeTriggers,
    private readonly user: CurrentUser,
    private readonly clock: Clock,
  ) {}

  /**
   * After settings are saved: (re)build the trigger for the interval — the new one first, then the
   * old ones are deleted, so a schedule is never missing. Returns a sentence for the person.
   */
  apply(intervalHours: number): string {
    const me = this.user.email();
    const owner = this.store.get(KEY.owner);
    this.store.set(KEY.interval, String(intervalHours));
    if (owner && owner !== me) {
      return `The schedule is run by ${owner}'s trigger. The sync still follows the new interval (${describeInterval(intervalHours)}) as closely as that trigger allows; for an exact change, ${owner} saves the settings again.`;
    }
    if (this.store.get(KEY.paused) === 'true') {
      this.store.set(KEY.owner, me);
      return `Saved. Scheduled sync is paused; use DSCO Sync → Resume scheduled sync to start it (${describeInterval(intervalHours)}).`;
    }
    this.rebuild(intervalHours);
    return `Scheduled sync: ${describeInterval(intervalHours)}, run by ${me}.`;
  }

  pause(): string {
    this.store.set(KEY.paused, 'true');
    const owner = this.store.get(KEY.owner);
    if (!owner || owner === this.user.email()) {
      for (const t of this.triggers.list(SYNC_HANDLER)) this.triggers.remove(t.id);
      return 'Scheduled sync is paused. Sync now still works.';
    }
    return `Scheduled sync is paused. (${owner}'s trigger still fires but does nothing until someone resumes.)`;
  }

  resume(): string {
    this.store.delete(KEY.paused);
    const me = this.user.email();
    const owner = this.store.get(KEY.owner);
    const interval = Number(this.store.get(KEY.interval)) || 1;
    if (owner && owner !== me) {
      return `Scheduled sync resumed, run by ${owner}'s trigger (${describeInterval(interval)}). If that trigger is gone (Settings says "Not running"), use DSCO Sync → Take over scheduled sync.`;
    }
    this.rebuild(interval);
    return `Scheduled sync resumed: ${describeInterval(interval)}, run by ${me}.`;
  }

  /**
   * Another editor takes the schedule over (the owner left, or their trigger is gone): they become
   * the recorded owner and get their own trigger. The old owner's trigger, which nobody else can
   * see or delete, then exits without syncing and removes itself at its next run.
   */
  takeOver(): string {
    const me = this.user.email();
    const before = this.store.get(KEY.owner);
    const interval = Number(this.store.get(KEY.interval)) || 1;
    this.store.delete(KEY.paused);
    this.rebuild(interval);
    const from = before && before !== me ? ` from ${before}` : '';
    return `You now run the scheduled sync${from}: ${describeInterval(interval)}.${from ? ` ${before}'s trigger, if it still exists, does nothing and removes itself at its next run.` : ''}`;
  }

  /**
   * Called first by the trigger: a trigger of anyone but the recorded owner (one left behind by a
   * take-over) exits without syncing, and deletes itself, since only its owner can.
   */
  decide(): RunDecision {
    const owner = this.store.get(KEY.owner);
    const me = this.user.email();
    if (owner && owner !== me) {
      for (const t of this.triggers.list(SYNC_HANDLER)) this.triggers.remove(t.id);
      return { run: false, reason: `Not run: the schedule now belongs to ${owner}; this trigger of ${me} was removed.` };
    }
    if (!this.isDue()) return { run: false, reason: 'Not due yet.' };
    return { run: true };
  }

  /** A copy of the spreadsheet keeps the properties but not the triggers: its schedule starts anew. */
  forget(): void {
    for (const k of Object.values(KEY)) this.store.delete(k);
  }

  /** Called by the trigger: whether a sync is due now. */
  isDue(): boolean {
    if (this.store.get(KEY.paused) === 'true') return false;
    const last = Number(this.store.get(KEY.lastRun));
    if (!Number.isFinite(last) || last <= 0) return true;
    const interval = Number(this.store.get(KEY.interval)) || 1;
    const cadence = cadenceMinutes(cadenceFor(interval));
    // Triggers drift by a few minutes; accept a run a little early rather than skip a whole cadence.
    const slack = Math.min(5, cadence / 2) * MINUTE;
    return this.clock.now() >= last + interval * HOUR_MS - slack;
  }

  recordRun(at: number): void {
    this.store.set(KEY.lastRun, String(at));
  }

  view(): ScheduleView {
    const owner = this.store.get(KEY.owner);
    const paused = this.store.get(KEY.paused) === 'true';
    const intervalText = this.store.get(KEY.interval);
    const interval = intervalText ? Number(intervalText) : null;
    const ownedByMe = !!owner && owner === this.user.email();
    const active = !!owner && !paused && (!ownedByMe || this.triggers.list(SYNC_HANDLER).length > 0);
    const last = Number(this.store.get(KEY.lastRun));
    const created = Number(this.store.get(KEY.created)) || this.clock.now();
    // A new trigger first fires about one cadence after it is created.
    const firstRun = interval ? created + cadenceMinutes(cadenceFor(interval)) * MINUTE : null;
    const lastRunAt = Number.isFinite(last) && last > 0 ? last : null;
    const nextDueAt = active && interval ? (lastRunAt ? lastRunAt + interval * HOUR_MS : firstRun) : null;
    // Two intervals (and one cadence of slack) without a run, counted from the last run or from when the trigger was made.
    const since = lastRunAt ?? created;
    const notRunning = !!owner && !paused && interval !== null && this.clock.now() - since > 2 * interval * HOUR_MS + cadenceMinutes(cadenceFor(interval)) * MINUTE;
    let description: string;
    if (!owner || interval === null) description = 'No schedule yet: save the settings to start one.';
    else if (paused) description = `Paused (${describeInterval(interval)} when resumed).`;
    else if (!active) description = `The trigger is missing: use DSCO Sync → Take over scheduled sync to recreate it.`;
    else if (notRunning) {
      description = `Not running: no scheduled sync for more than two intervals (${describeInterval(interval)}, run by ${owner}). ${
        ownedByMe ? 'Use DSCO Sync → Take over scheduled sync to recreate your trigger.' : `${owner}'s trigger may be gone: use DSCO Sync → Take over scheduled sync to run it yourself.`
      }`;
    } else {
      const cadence = describeCadence(cadenceFor(interval));
      const how = cadence === describeInterval(interval) ? '' : ` (the trigger fires ${cadence} and skips runs that are not due)`;
      description = `${describeInterval(interval)}${how}, run by ${owner}.`;
    }
    return {
      active: active && !notRunning,
      paused,
      owner,
      ownedByMe,
      intervalHours: interval,
      description: description.charAt(0).toUpperCase() + description.slice(1),
      nextDueAt,
      lastRunAt,
      notRunning,
    };
  }

  private rebuild(intervalHours: number): void {
    const old = this.triggers.list(SYNC_HANDLER);
    this.triggers.create(SYNC_HANDLER, cadenceFor(intervalHours));
    for (const t of old) this.triggers.remove(t.id);
    this.store.set(KEY.owner, this.user.email());
    this.store.set(KEY.created, String(this.clock.now()));
  }
}
