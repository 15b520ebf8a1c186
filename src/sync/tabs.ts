import { DASHBOARD_TAB } from '../sheet/sheet-template';

export { ARCHIVE_TAB, CARRIER_MAP_TAB, DASHBOARD_TAB, LOGS_TAB } from '../sheet/sheet-template';
/** Hidden: one row per order with the engine's record as JSON. */
export const ORDERS_TAB = '_Orders';
/** Hidden: the ledger of ShipStation shipments already sent to DSCO. */
export const SHIPMENTS_TAB = '_Shipments';

export const DASHBOARD_WIDTH = 10;
export const ORDERS_WIDTH = 2;
export const SHIPMENTS_WIDTH = 5;
export const LOGS_WIDTH = 5;
/** The Logs tab keeps at most this many rows; older ones are trimmed in one call. */
export const LOGS_MAX_ROWS = 5_000;
export const TAB_NAMES = { dashboard: DASHBOARD_TAB };
