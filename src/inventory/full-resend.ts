import { toPacificLocal } from '../core/time/pacific-time';

/** Script Property: the US Pacific date of the last daily full resend. */
export const FULL_RESEND_KEY = 'inventory.fullResendOn';

/**
 * Every row is sent once a day, at or after the set hour (US Pacific), changed or not, so DSCO never
 * keeps stale stock for long (retailers score daily inventory updates). Pure.
 */
export function fullResendDue(now: number, hour: number, lastDone: string | null): { due: boolean; today: string } {
  const local = toPacificLocal(now);
  const today = local.slice(0, 10);
  return { due: lastDone !== today && Number(local.slice(11, 13)) >= hour, today };
}
