export {
  createShipStationV2Fake,
  DEFAULT_V2_API_KEY,
  V2_RATE_LIMIT_PER_MINUTE,
  type ShipStationV2Fake,
  type ShipStationV2FakeOptions,
  type V2FakeFulfillment,
  type V2FakeLabel,
  type V2FakeShipment,
} from './create-shipstation-v2-fake';
