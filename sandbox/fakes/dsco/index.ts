export { createDscoFake } from './create-dsco-fake';
export type { DscoFake, DscoFakeOptions, DscoRequestRecord } from './create-dsco-fake';
export type { DscoFault } from './dsco-faults';
export type { ShipRule } from './dsco-shipments';
export type { ChangeLogEntry } from './dsco-async-log';
export { makeDscoOrder } from './make-dsco-order';
export { toDscoDate } from './dsco-dates';
export { SCROLL_TTL_MS } from './dsco-scroll';
export type * from './dsco-types';
