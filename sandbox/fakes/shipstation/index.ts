export {
  createShipStationFake,
  DEFAULT_API_KEY,
  DEFAULT_API_SECRET,
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  type ShipStationFake,
  type ShipStationFakeOptions,
  type SsLoggedRequest,
} from './create-shipstation-fake';
export type { SsFault } from './ss-faults';
export type { ShipOrderInput } from './ss-shipments';
export type { SsStoreInput } from './ss-stores';
export {
  formatPacificDate,
  formatPacificTimestamp,
  formatPacificTimestampShort,
  parsePacific,
  pacificWallClock,
} from './ss-pacific-time';
export type * from './ss-types';
