/** The role "time-driven triggers of the current user". ScriptApp in Apps Script. */
export interface TimeTrigger {
  id: string;
  handler: string;
}

export type Cadence = { unit: 'minutes'; every: 1 | 5 | 10 | 15 | 30 } | { unit: 'hours'; every: number };

export interface TimeTriggers {
  /** The current user's time-driven triggers for this handler (a user cannot see another's). */
  list(handler: string): TimeTrigger[];
  create(handler: string, cadence: Cadence): TimeTrigger;
  remove(id: string): void;
}

/** The role "who is running this code": Session in Apps Script. */
export interface CurrentUser {
  email(): string;
}
