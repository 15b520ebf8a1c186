import { LOGS_MAX_ROWS, TABS } from '../../storage/storage-map';

/** Tab names and widths the engine uses, from the storage map (src/storage/storage-map.ts). */
export const DASHBOARD_TAB = TABS.dashboard.name;
export const ARCHIVE_TAB = TABS.archive.name;
export const LOGS_TAB = TABS.logs.name;
export const CARRIER_MAP_TAB = TABS.carrierMap.name;
export const HELP_TAB = TABS.help.name;
/** Hidden: one row per order with the engine's record as JSON. */
export const ORDERS_TAB = TABS.orders.name;
/** Hidden: the ledger of ShipStation shipments already sent to DSCO. */
export const SHIPMENTS_TAB = TABS.shipments.name;

export const DASHBOARD_WIDTH = TABS.dashboard.width;
export const ORDERS_WIDTH = TABS.orders.width;
export const SHIPMENTS_WIDTH = TABS.shipments.width;
export const LOGS_WIDTH = TABS.logs.width;
export { LOGS_MAX_ROWS };
export const TAB_NAMES = { dashboard: DASHBOARD_TAB };
