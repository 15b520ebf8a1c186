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
const MINUTE = 60_000;

export interface ScheduleView {
  active: boolean;
  paused: boolean;
  owner: string | null;
  ownedByMe: boolean;
  intervalHours: number | null;
  description: string;
  nextDueAt: number | null;
}

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
    if (owner && owner !== me) return `Scheduled sync resumed, run by ${owner}'s trigger (${describeInterval(interval)}).`;
    this.rebuild(interval);
    return `Scheduled sync resumed: ${describeInterval(interval)}, run by ${me}.`;
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
    return this.clock.now() >= last + interval * 3_600_000 - slack;
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
    const nextDueAt = active && interval ? (Number.isFinite(last) && last > 0 ? last + interval * 3_600_000 : firstRun) : null;
    let description: string;
    if (!owner || interval === null) description = 'No schedule yet: save the settings to start one.';
    else if (paused) description = `Paused (${describeInterval(interval)} when resumed).`;
    else if (!active) description = `The trigger is missing: use DSCO Sync → Resume scheduled sync to recreate it.`;
    else {
      const cadence = describeCadence(cadenceFor(interval));
      const how = cadence === describeInterval(interval) ? '' : ` (the trigger fires ${cadence} and skips runs that are not due)`;
      description = `${describeInterval(interval)}${how}, run by ${owner}.`;
    }
    return { active, paused, owner, ownedByMe, intervalHours: interval, description: description.charAt(0).toUpperCase() + description.slice(1), nextDueAt };
  }

  private rebuild(intervalHours: number): void {
    const old = this.triggers.list(SYNC_HANDLER);
    this.triggers.create(SYNC_HANDLER, cadenceFor(intervalHours));
    for (const t of old) this.triggers.remove(t.id);
    this.store.set(KEY.owner, this.user.email());
    this.store.set(KEY.created, String(this.clock.now()));
  }
}
