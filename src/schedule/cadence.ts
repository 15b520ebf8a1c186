import type { Cadence } from '../core/ports/time-triggers';

const MINUTE_STEPS = [1, 5, 10, 15, 30] as const;
/**
 * The hour steps the trigger editor offers. Apps Script documents no list for everyHours and
 * public code reports other values working (notes apps-script.md 1.2, unverified), so only these
 * are used directly; any other interval runs on a divisor with a due-time check.
 */
const HOUR_STEPS = [1, 2, 4, 6, 8, 12];

/**
 * The trigger cadence for a poll interval (hours, a multiple of 0.25): the interval itself when
 * Apps Script accepts it (everyMinutes 1/5/10/15/30, everyHours 1/2/4/6/8/12), otherwise the
 * largest accepted cadence that divides it; the handler then skips runs that are not yet due.
 */
export function cadenceFor(intervalHours: number): Cadence {
  const minutes = Math.round(intervalHours * 60);
  const hourSteps = HOUR_STEPS.filter((h) => minutes % (h * 60) === 0);
  if (hourSteps.length) return { unit: 'hours', every: hourSteps[hourSteps.length - 1] };
  const minuteSteps = MINUTE_STEPS.filter((m) => minutes % m === 0);
  return { unit: 'minutes', every: minuteSteps[minuteSteps.length - 1] };
}

export function cadenceMinutes(c: Cadence): number {
  return c.unit === 'minutes' ? c.every : c.every * 60;
}

export function describeCadence(c: Cadence): string {
  if (c.unit === 'minutes') return `every ${c.every} minute${c.every === 1 ? '' : 's'}`;
  return `every ${c.every === 1 ? 'hour' : `${c.every} hours`}`;
}

export function describeInterval(hours: number): string {
  const minutes = Math.round(hours * 60);
  if (minutes < 60) return `every ${minutes} minutes`;
  if (minutes % 60 === 0) return minutes === 60 ? 'every hour' : `every ${minutes / 60} hours`;
  return `every ${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
