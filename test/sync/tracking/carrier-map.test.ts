import { describe, expect, it } from 'vitest';
import { CarrierMap } from '../../../src/sync/tracking/carrier-map';

const map = new CarrierMap([
  ['ups', 'ups_ground', 'UPS', 'Ground', 'UPCG'],
  [' FedEx ', '', 'FedEx', 'Ground', 'FECG'],
  ['usps', 'usps_priority', '', '', 'USPM'],
  ['broken', 'svc', 'X', '', ''], // neither a code nor carrier+method: ignored
  ['', 'orphan', 'Y', 'Z', 'W'], // no carrier: ignored
]);

describe('CarrierMap', () => {
  it('maps an exact carrier and service, case-insensitively', () => {
    expect(map.lookup('UPS', 'UPS_GROUND')).toEqual({ shipCarrier: 'UPS', shipMethod: 'Ground', shippingServiceLevelCode: 'UPCG' });
  });
  it('uses a row with an empty service for every service of that carrier', () => {
    expect(map.lookup('fedex', 'fedex_2day')?.shippingServiceLevelCode).toBe('FECG');
    expect(map.lookup('fedex', '')?.shippingServiceLevelCode).toBe('FECG');
  });
  it('accepts a row with only a service level code', () => {
    expect(map.lookup('usps', 'usps_priority')).toEqual({ shipCarrier: undefined, shipMethod: undefined, shippingServiceLevelCode: 'USPM' });
  });
  it('ignores incomplete rows and finds nothing for unknown carriers', () => {
    expect(map.size).toBe(3);
    expect(map.lookup('broken', 'svc')).toBeUndefined();
    expect(map.lookup('ups', 'ups_ground_saver')).toBeUndefined();
  });
  it('says exactly what to add', () => {
    expect(CarrierMap.missingMessage('ups', 'ups_ground_saver')).toContain('add ups / ups_ground_saver');
    expect(CarrierMap.missingMessage('fedex', '')).toContain('the service left empty');
    expect(CarrierMap.missingMessage('', '')).toContain('without a carrier');
  });
});
