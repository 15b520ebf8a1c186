import { MINUTE_MS } from '../core/time/durations';

/** DSCO refuses an `until` less than 5 s in the past; 10 s leaves room for clock skew. */
export const UNTIL_LAG_MS = 10_000;

/**
 * How far each read of DSCO's updated orders reaches back before the last one. DSCO is eventually
 * consistent: a change "becomes visible in seconds, sometimes minutes" (spec "Sync vs Async API
 * Contracts", notes dsco-api.md §0), so an order can become searchable by `ordersUpdatedSince`
 * minutes after its dscoLastUpdate. No upper bound is documented; 30 minutes covers "minutes" with
 * room, and re-reading costs one page of orders the engine already knows (absorbing the same
 * order twice changes nothing). What is later still is found by the reconciliation sweep.
 */
export const DSCO_UPDATES_OVERLAP_MS = 30 * MINUTE_MS;
