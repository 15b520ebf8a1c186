import { describe, expect, it } from 'vitest';
import { findSsV2Operation, ssV2Schemas, validateSsV2Request, validateSsV2Response } from '../../../sandbox/contract/shipstation-v2-contract';

const address = {
  name: 'Ann Buyer',
  phone: '555-0100',
  address_line1: '1 Main St',
  city_locality: 'Austin',
  state_province: 'TX',
  postal_code: '78701',
  country_code: 'US',
  address_residential_indicator: 'unknown',
};

describe('ShipStation V2 contract (schemas extracted from the official spec)', () => {
  it('records where the schemas come from and what was patched', () => {
    expect(ssV2Schemas.spec.title).toMatch(/ShipStation/);
    expect(ssV2Schemas.spec.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(ssV2Schemas.fixups.join('\n')).toMatch(/pickup_id made optional/);
  });

  it('routes concrete paths to the most literal operation', () => {
    expect(findSsV2Operation('GET', '/v2/shipments/external_shipment_id/123')?.key).toBe('GET /v2/shipments/external_shipment_id/{external_shipment_id}');
    expect(findSsV2Operation('GET', '/v2/shipments/se-123')?.key).toBe('GET /v2/shipments/{shipment_id}');
    expect(findSsV2Operation('PUT', '/v2/shipments/se-123/cancel')?.pathParams).toEqual({ shipment_id: 'se-123' });
  });

  it('accepts a create with ship_from and refuses fields the create schema does not list (warehouse_id, shipment_number)', () => {
    const ok = { shipments: [{ external_shipment_id: '1001', store_id: '22766', ship_to: address, ship_from: address, items: [{ name: 'Mug', quantity: 1 }] }] };
    expect(validateSsV2Request('POST', '/v2/shipments', {}, ok)).toEqual([]);
    const bad = { shipments: [{ ...ok.shipments[0], warehouse_id: 'se-1', shipment_number: '1001' }] };
    expect(validateSsV2Request('POST', '/v2/shipments', {}, bad).join('\n')).toMatch(/unexpected property 'warehouse_id'[\s\S]*unexpected property 'shipment_number'/);
    const noPhone = { shipments: [{ ...ok.shipments[0], ship_to: { ...address, phone: undefined } }] };
    expect(validateSsV2Request('POST', '/v2/shipments', {}, JSON.parse(JSON.stringify(noPhone))).join('\n')).toMatch(/phone/);
  });

  it('checks query parameters: dates with an offset, se- IDs, known names only', () => {
    expect(validateSsV2Request('GET', '/v2/labels', { created_at_start: '2026-03-02T15:00:00.000Z', shipment_id: 'se-12', page_size: '100' }, undefined)).toEqual([]);
    expect(validateSsV2Request('GET', '/v2/labels', { created_at_start: '2026-03-02 07:00:00' }, undefined).join()).toMatch(/created_at_start/);
    expect(validateSsV2Request('GET', '/v2/labels', { store_id: 'se-1' }, undefined).join()).toMatch(/unknown parameter 'store_id'/);
    expect(validateSsV2Request('GET', '/v2/shipments', { shipment_id: '12' }, undefined).join()).toMatch(/unknown parameter/);
  });

  it('checks responses: V2 error bodies, the empty 204 of cancel', () => {
    const err = { request_id: '7f2c5f5e-3c1a-4b8e-9f00-123456789abc', errors: [{ error_source: 'ShipStation', error_type: 'validation', error_code: 'invalid_status', message: 'x' }] };
    expect(validateSsV2Response('PUT', '/v2/shipments/se-1/cancel', 400, err)).toEqual([]);
    expect(validateSsV2Response('PUT', '/v2/shipments/se-1/cancel', 204, '')).toEqual([]);
    expect(validateSsV2Response('PUT', '/v2/labels/se-1/void', 200, { approved: true })).not.toEqual([]);
  });
});
