import { exception, isDate } from './sim-exception';

export const MAX_TRIGGERS_PER_USER = 20;

export interface SimTrigger {
  id: string;
  handlerFunction: string;
  type: 'CLOCK';
  everyMinutes?: number;
  everyHours?: number;
  atMs?: number;
  afterMs?: number;
  owner: string;
}

const EVENT_TYPE = { CLOCK: 'CLOCK', ON_OPEN: 'ON_OPEN', ON_EDIT: 'ON_EDIT', ON_FORM_SUBMIT: 'ON_FORM_SUBMIT', ON_CHANGE: 'ON_CHANGE' } as const;
const TRIGGER_SOURCE = { SPREADSHEETS: 'SPREADSHEETS', CLOCK: 'CLOCK', FORMS: 'FORMS', DOCUMENTS: 'DOCUMENTS', CALENDAR: 'CALENDAR' } as const;
const AUTH_MODE = { NONE: 'NONE', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION', LIMITED: 'LIMITED', FULL: 'FULL' } as const;

/** Installed triggers, shared by the host (`sim.triggers`) and ScriptApp. */
export class TriggerStore {
  readonly triggers: SimTrigger[] = [];
  private nextId = 1;
  newId(): string { return String(8_100_000_000_000_000 + this.nextId++ * 7919); }
}

export class SimTriggerHandle {
  static readonly simKind = 'Trigger';
  constructor(readonly trigger: SimTrigger) {}
  getUniqueId(): string { return this.trigger.id; }
  getHandlerFunction(): string { return this.trigger.handlerFunction; }
  getEventType(): string { return EVENT_TYPE.CLOCK; }
  getTriggerSource(): string { return TRIGGER_SOURCE.CLOCK; }
  getTriggerSourceId(): string | null { return null; }
}

export class SimClockTriggerBuilder {
  static readonly simKind = 'ClockTriggerBuilder';
  private readonly spec: Partial<SimTrigger> = {};
  constructor(private readonly app: SimScriptApp, private readonly handler: string) {}
  everyMinutes(n: number): this {
    if (![1, 5, 10, 15, 30].includes(n)) throw exception('The value passed to everyMinutes must be one of 1, 5, 10, 15 or 30.');
    this.spec.everyMinutes = n;
    return this;
  }
  /** Accepts integers 1-24 (the real accepted set is undocumented; see notes 1.2). */
  everyHours(n: number): this {
    if (!Number.isInteger(n) || n < 1 || n > 24) throw exception(`Invalid argument: everyHours (${n}). Expected an integer from 1 to 24.`);
    this.spec.everyHours = n;
    return this;
  }
  after(durationMilliseconds: number): this {
    if (!(durationMilliseconds >= 0)) throw exception('Invalid argument: durationMilliseconds');
    this.spec.afterMs = durationMilliseconds;
    return this;
  }
  at(date: Date): this {
    if (!isDate(date)) throw exception("The parameters (Object) don't match the method signature for ScriptApp.ClockTriggerBuilder.at.");
    this.spec.atMs = date.getTime();
    return this;
  }
  inTimezone(): this { return this; }
  create(): SimTriggerHandle {
    const { everyMinutes, everyHours, afterMs, atMs } = this.spec;
    if (everyMinutes === undefined && everyHours === undefined && afterMs === undefined && atMs === undefined) {
      throw exception('Clock triggers must have a schedule: call everyMinutes, everyHours, after or at before create().');
    }
    return this.app._install({ ...this.spec, handlerFunction: this.handler });
  }
}

export class SimTriggerBuilder {
  static readonly simKind = 'TriggerBuilder';
  constructor(private readonly app: SimScriptApp, private readonly handler: string) {}
  timeBased(): SimClockTriggerBuilder { return new SimClockTriggerBuilder(this.app, this.handler); }
}

/** ScriptApp: clock triggers only. Triggers belong to the effective user of the creating execution. */
export class SimScriptApp {
  static readonly simKind = 'ScriptApp';
  readonly EventType = EVENT_TYPE;
  readonly TriggerSource = TRIGGER_SOURCE;
  readonly AuthMode = AUTH_MODE;
  readonly WeekDay = { MONDAY: 'MONDAY', TUESDAY: 'TUESDAY', WEDNESDAY: 'WEDNESDAY', THURSDAY: 'THURSDAY', FRIDAY: 'FRIDAY', SATURDAY: 'SATURDAY', SUNDAY: 'SUNDAY' };

  constructor(
    private readonly store: TriggerStore,
    private readonly effectiveUser: () => string,
    private readonly scriptId = '1SimScriptId000000000000000000000000000000000000000000',
  ) {}

  _install(spec: Partial<SimTrigger> & { handlerFunction: string }): SimTriggerHandle {
    const owner = this.effectiveUser();
    if (this.store.triggers.filter((t) => t.owner === owner).length >= MAX_TRIGGERS_PER_USER) {
      throw exception('This script has too many triggers. Triggers must be deleted from the script before more can be added.');
    }
    const trigger: SimTrigger = { id: this.store.newId(), handlerFunction: spec.handlerFunction, type: 'CLOCK', owner };
    for (const k of ['everyMinutes', 'everyHours', 'atMs', 'afterMs'] as const) if (spec[k] !== undefined) trigger[k] = spec[k];
    this.store.triggers.push(trigger);
    return new SimTriggerHandle(trigger);
  }

  newTrigger(functionName: string): SimTriggerBuilder {
    if (typeof functionName !== 'string' || functionName === '') throw exception('Invalid argument: functionName');
    return new SimTriggerBuilder(this, functionName);
  }

  /** Only the current user's triggers, as in Apps Script (notes 1.6). */
  getProjectTriggers(): SimTriggerHandle[] {
    const user = this.effectiveUser();
    return this.store.triggers.filter((t) => t.owner === user).map((t) => new SimTriggerHandle(t));
  }

  /** Spreadsheet-sourced triggers of the user for this file: clock triggers are not among them. */
  getUserTriggers(_container: unknown): SimTriggerHandle[] { return []; }

  deleteTrigger(trigger: SimTriggerHandle): void {
    const i = this.store.triggers.findIndex((t) => t.id === trigger?.trigger?.id);
    if (i >= 0) this.store.triggers.splice(i, 1);
  }

  getScriptId(): string { return this.scriptId; }
  getOAuthToken(): string { return 'ya29.sim-oauth-token'; }
  getAuthorizationInfo(): { getAuthorizationStatus(): string } { return { getAuthorizationStatus: () => 'NOT_REQUIRED' }; }
}
