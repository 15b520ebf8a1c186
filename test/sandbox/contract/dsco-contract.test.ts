import { describe, expect, it } from 'vitest';
import { dscoSchemas, normalizeDscoPath, validateDscoRequest, validateDscoResponse } from '../../../sandbox/contract/dsco-contract';

// A production order as saved by a third-party integrator (notes dsco-api.md §3h), ids filled with digits.
const realOrder = {
  dscoOrderId: '1025416768',
  poNumber: 'BOX.75581234.69941234',
  channel: '2504BD1DD',
  testFlag: false,
  dscoLifecycle: 'completed',
  dscoStatus: 'shipped',
  cancelRequested: false,
  cancelRequestedCode: null,
  dscoRetailerId: '1000012345',
  dscoSupplierId: '1000054321',
  dscoTradingPartnerId: null,
  retailerCreateDate: '2025-11-11T11:30:10+00:00',
  dscoCreateDate: '2025-11-11T23:01:54+00:00',
  dscoLastUpdate: '2025-11-12T08:55:33+00:00',
  shipByDate: '2025-11-21T07:59:00+00:00',
  requestedShipCarrier: 'Generic',
  requestedShipMethod: 'Ground',
  requestedShippingServiceLevelCode: 'GCG',
  shipping: {
    name: 'Jane Doe', firstName: 'Jane', lastName: 'Doe', address: ['1 Main St'], address1: '1 Main St',
    city: 'RIDGEFIELD', region: 'NJ', state: 'NJ', postal: '07657', country: 'US', phone: '5555550100',
  },
  billTo: {},
  lineItems: [
    {
      lineNumber: 1, quantity: 1, dscoItemId: '1296623851', sku: 'JAX-FA-082-DS', partnerSku: 'JAX-FA-082-DS',
      upc: '012345678905', title: 'Huggies Gold Sphere Earrings', expectedCost: 7.7, consumerPrice: 21,
      status: 'accepted', acceptedQuantity: 1, cancelledQuantity: 0, rejectedQuantity: 0, cancelRequested: false,
      activity: [
        { action: 'add', quantity: 1, activityDate: '2025-11-11T23:01:54+00:00' },
        { action: 'ship', quantity: 1, reason: 'Tracking # 1Z999 added', activityDate: '2025-11-12T08:55:33+00:00' },
      ],
    },
  ],
  packages: [
    {
      trackingNumber: '1Z999AA10123456784', shipCarrier: 'UPS', shipMethod: 'Ground', shippingServiceLevelCode: 'UPCG',
      shipDate: '2025-11-13T05:00:00+00:00', shipCost: 0.07, shipWeight: 0.3, shipWeightUnits: 'kg', untracked: false,
      returnedFlag: false, dscoPackageId: 2025111301,
      items: [{ lineNumber: 1, quantity: 1, dscoItemId: '1296623851', sku: 'JAX-FA-082-DS', originalOrderQuantity: 1, packageSpanFlag: false }],
      tracking_url: 'wwwapps.ups.com/tracking/tracking.cgi?tracknum=1Z999AA10123456784',
    },
  ],
};

describe('dsco-schemas.json', () => {
  it('names the spec and the generator, and holds only the operations used', () => {
    expect(dscoSchemas.spec.title).toBe('Rithum | Dsco Platform API');
    expect(dscoSchemas.spec.version).toBe('3.0');
    expect((dscoSchemas as unknown as { generatedBy: string }).generatedBy).toBe('scripts/extract-dsco-schemas.mjs');
    expect(Object.keys(dscoSchemas.operations).sort()).toEqual([
      'GET /hello', 'GET /inventory/log', 'GET /invoice', 'GET /order/', 'GET /order/log', 'GET /order/page', 'POST /inventory/batch/small',
      'POST /invoice', 'POST /oauth2/token', 'POST /order/acknowledge', 'POST /order/item/cancel', 'POST /order/item/cancel/batch/small', 'POST /order/shipment/batch/small',
      'POST /order/singleShipment',
    ]);
  });
});

describe('normalizeDscoPath', () => {
  it('strips the base URL and the query', () => {
    expect(normalizeDscoPath('https://api.dsco.io/api/v3/order/page?scrollId=x')).toBe('/order/page');
    expect(normalizeDscoPath('/api/v3/hello')).toBe('/hello');
    expect(normalizeDscoPath('/order/log')).toBe('/order/log');
  });
});

describe('validateDscoRequest', () => {
  it('accepts the spec token example (form fields) and flags missing ones and a bad grant_type', () => {
    expect(validateDscoRequest('POST', '/oauth2/token', {
      body: 'grant_type=client_credentials&client_id=1234&client_secret=5678',
      contentType: 'application/x-www-form-urlencoded',
    })).toEqual([]);
    expect(validateDscoRequest('POST', '/oauth2/token', { body: { client_id: '1234', client_secret: '5678' } }).join())
      .toMatch(/grant_type/);
    expect(validateDscoRequest('POST', '/oauth2/token', {
      body: { grant_type: 'password', client_id: '1', client_secret: '2' },
    }).join()).toMatch(/client_credentials/);
    expect(validateDscoRequest('POST', '/oauth2/token', {
      body: { grant_type: 'client_credentials', client_id: '1', client_secret: '2' },
      contentType: 'application/json',
    }).join()).toMatch(/x-www-form-urlencoded/);
  });

  it('accepts a well-formed getOrders query with repeated status', () => {
    expect(validateDscoRequest('GET', '/order/page', {
      query: {
        ordersCreatedSince: '2026-03-01T00:00:00Z', until: '2026-03-02T14:59:00+00:00',
        status: ['shipment_pending', 'shipped'], includeTestOrders: 'true', ordersPerPage: '100',
      },
    })).toEqual([]);
    expect(validateDscoRequest('GET', '/order/page', { query: { scrollId: 'abc' } })).toEqual([]);
  });

  it('flags bad enum, type, range, unknown and missing conditional query parameters', () => {
    const v = (query: Record<string, string | string[]>) => validateDscoRequest('GET', '/order/page', { query }).join('\n');
    const base = { ordersUpdatedSince: '2026-03-01T00:00:00Z', until: '2026-03-02T14:59:00Z' };
    expect(v({ ...base, status: 'acknowledged' })).toMatch(/query\.status\/0 must be one of/);
    expect(v({ ...base, ordersPerPage: '5' })).toMatch(/ordersPerPage must be >= 10/);
    expect(v({ ...base, ordersPerPage: '2000' })).toMatch(/ordersPerPage must be <= 1000/);
    expect(v({ ...base, ordersPerPage: '10.5' })).toMatch(/ordersPerPage must match format "integer"/);
    expect(v({ ...base, includeTestOrders: 'yes' })).toMatch(/includeTestOrders must be boolean/);
    expect(v({ ...base, lifecycle: 'created' })).toMatch(/unknown parameter 'lifecycle'/);
    expect(v({ ...base, until: '2026-03-02' })).toMatch(/until must match format "date-time"/);
    expect(v({ until: base.until })).toMatch(/ordersCreatedSince or ordersUpdatedSince is required/);
    expect(v({ ordersCreatedSince: base.ordersUpdatedSince })).toMatch(/until is required/);
    expect(v({ ...base, until: ['2026-03-02T14:59:00Z', '2026-03-02T14:58:00Z'] })).toMatch(/given 2 times/);
  });

  it('checks getOrderChangeLog parameters', () => {
    expect(validateDscoRequest('GET', '/order/log', { query: { requestId: 'r1', status: 'success_or_failure' } })).toEqual([]);
    expect(validateDscoRequest('GET', '/order/log', { query: { status: 'done' } }).join('\n'))
      .toMatch(/must be one of[\s\S]*requestId, or both startDate and endDate/);
  });

  it('accepts acknowledge items (string or integer id) and flags a missing type or a bad enum', () => {
    expect(validateDscoRequest('POST', '/order/acknowledge', {
      body: [
        { id: '1026063942', type: 'DSCO_ORDER_ID', supplierOrderNumber: 'SO-123' },
        { id: 1026063943, type: 'DSCO_ORDER_ID' },
        { id: 'BOX.75594056.69954666', type: 'PO_NUMBER' },
      ],
      contentType: 'application/json; charset=utf-8',
    })).toEqual([]);
    expect(validateDscoRequest('POST', '/order/acknowledge', { body: [{ id: '1026063942' }] }))
      .toEqual(["request body/0 must have required property 'type'"]);
    expect(validateDscoRequest('POST', '/order/acknowledge', { body: [{ id: '1', idType: 'dscoOrderId' }] }).join())
      .toMatch(/required property 'type'/);
    expect(validateDscoRequest('POST', '/order/acknowledge', { body: [{ id: '1', type: 'dscoOrderId' }] }).join())
      .toMatch(/request body\/0\/type must be one of \["DSCO_ORDER_ID","PO_NUMBER","SUPPLIER_ORDER_NUMBER"\]/);
    expect(validateDscoRequest('POST', '/order/acknowledge', { body: { id: '1', type: 'PO_NUMBER' } }).join())
      .toMatch(/must be array/);
    expect(validateDscoRequest('POST', '/order/acknowledge', {}).join()).toMatch(/body is required/);
    expect(validateDscoRequest('POST', '/order/acknowledge', { body: '[{"id":' }).join()).toMatch(/not valid JSON/);
  });

  it('accepts the notes\' singleShipment example and flags missing tracking number / line quantity', () => {
    const shipment = {
      dscoOrderId: '1026063942',
      poNumber: 'BOX.75594056.69954666',
      shipments: [{
        trackingNumber: '1Z999AA10123456784', shipDate: '2025-11-13T05:00:00Z', shipCarrier: 'UPS', shipMethod: 'Ground',
        shippingServiceLevelCode: 'UPCG', shipCost: 0, shipWeight: 0.3, shipWeightUnits: 'kg',
        lineItems: [{ quantity: 1, lineNumber: 1, dscoItemId: '1296623850', sku: 'JAX-FA-082-DS', upc: '012345678905', packageSpanFlag: false }],
      }],
    };
    expect(validateDscoRequest('POST', '/order/singleShipment', { body: shipment })).toEqual([]);
    const bad = structuredClone(shipment) as { shipments: Record<string, unknown>[] };
    delete bad.shipments[0]!.trackingNumber;
    (bad.shipments[0]!.lineItems as Record<string, unknown>[])[0]!.quantity = '1';
    (bad.shipments[0]!.lineItems as Record<string, unknown>[])[0]!.upc = 'ABC';
    const v = validateDscoRequest('POST', '/order/singleShipment', { body: bad }).join('\n');
    expect(v).toMatch(/shipments\/0 must have required property 'trackingNumber'/);
    expect(v).toMatch(/lineItems\/0\/quantity must be integer/);
    expect(v).toMatch(/lineItems\/0\/upc must match pattern/);
    expect(validateDscoRequest('POST', '/order/singleShipment', { body: { dscoOrderId: '1' } }).join())
      .toMatch(/required property 'shipments'/);
  });

  it('checks OrderForCancel', () => {
    const ok = { id: '1026063942', type: 'DSCO_ORDER_ID', lineItems: [{ lineNumber: 1, sku: 'A', cancelledQuantity: 1, cancelCode: 'CXSS', cancelledReason: 'out of stock' }] };
    expect(validateDscoRequest('POST', '/order/item/cancel', { body: ok })).toEqual([]);
    const v = validateDscoRequest('POST', '/order/item/cancel', {
      body: { id: 1026063942, type: 'DSCO_ORDER_ID', lineItems: [{ lineNumber: 1, cancelledQuantity: 1 }] },
    }).join('\n');
    expect(v).toMatch(/request body\/id must be string/);
    expect(v).toMatch(/lineItems\/0 must have required property 'cancelCode'/);
  });

  it('checks the Invoice: invoiceId and totalAmount required, each line a quantity and a unit price', () => {
    const ok = {
      invoiceId: 'DSCO-1025416768', dscoOrderId: '1025416768', poNumber: 'BOX.75594056.69954666', invoiceDate: '2025-11-13T05:00:00Z',
      totalAmount: 7.7, lineItemsSubtotal: 7.7, numberOfLineItems: 1,
      lineItems: [{ lineNumber: 1, sku: 'JAX-FA-082-DS', dscoItemId: '1296623850', quantity: 1, unitPrice: 7.7, subtotal: 7.7 }],
    };
    expect(validateDscoRequest('POST', '/invoice', { body: ok })).toEqual([]);
    const v = validateDscoRequest('POST', '/invoice', { body: { dscoOrderId: '1', lineItems: [{ quantity: 1 }] } }).join('\n');
    expect(v).toMatch(/required property 'invoiceId'/);
    expect(v).toMatch(/required property 'totalAmount'/);
    expect(v).toMatch(/lineItems\/0 must have required property 'unitPrice'/);
    expect(validateDscoRequest('GET', '/invoice', { query: { key: 'invoiceId', value: 'DSCO-1' } })).toEqual([]);
    expect(validateDscoRequest('GET', '/invoice', { query: { key: 'orderId', value: '1' } }).join()).toMatch(/query.key must be one of/);
    expect(validateDscoResponse('GET', '/invoice', 200, { invoices: [ok] })).toEqual([]);
  });

  it('checks ItemInventory: a SKU of at most 90 characters, warehouses with a code, a status DSCO knows', () => {
    const ok = [{ sku: 'ABC123', status: 'in-stock', quantityAvailable: 45, warehouses: [{ code: 'WH01', quantity: 45 }] }];
    expect(validateDscoRequest('POST', '/inventory/batch/small', { body: ok })).toEqual([]);
    const v = validateDscoRequest('POST', '/inventory/batch/small', {
      body: [{ sku: 'X'.repeat(91), status: 'sold-out', quantityAvailable: 1.5, warehouses: [{ quantity: 1 }] }],
    }).join('\n');
    expect(v).toMatch(/sku must NOT have more than 90 characters/);
    expect(v).toMatch(/status must be one of \["in-stock","out-of-stock","discontinued","hidden"\]/);
    expect(v).toMatch(/quantityAvailable must be integer/);
    expect(v).toMatch(/warehouses\/0 must have required property 'code'/);
    expect(validateDscoResponse('GET', '/inventory/log', 200, {
      status: 'COMPLETED',
      logs: [{ payload: ok[0], dateProcessed: '2026-03-02T15:00:00Z', status: 'failure', requestMethod: 'api', requestId: 'r1', results: [{ code: 'NOT_FOUND', severity: 'error', description: 'sku ABC123 not found' }] }],
    })).toEqual([]);
  });

  it('flags operations the spec does not have and bodies on GETs', () => {
    expect(validateDscoRequest('GET', '/order/changelog')[0]).toMatch(/not an operation/);
    expect(validateDscoRequest('POST', '/order/page')[0]).toMatch(/not an operation/);
    expect(validateDscoRequest('GET', '/hello', { body: { x: 1 } })[0]).toMatch(/takes no request body/);
  });
});

describe('validateDscoResponse', () => {
  it('accepts the spec token example and the OAuth error bodies', () => {
    expect(validateDscoResponse('POST', '/oauth2/token', 200, { access_token: 'eyJz9sdfsdfsdfsd', token_type: 'Bearer', expires_in: 3600 })).toEqual([]);
    expect(validateDscoResponse('POST', '/oauth2/token', 401, { error: 'invalid_client', error_description: 'bad secret' })).toEqual([]);
    expect(validateDscoResponse('POST', '/oauth2/token', 400, { error: 'invalid_request' })).toEqual([]);
    expect(validateDscoResponse('POST', '/oauth2/token', 200, { access_token: 'x', token_type: 'bearer', expires_in: 3600 }).join())
      .toMatch(/token_type must be one of \["Bearer"\]/);
    expect(validateDscoResponse('POST', '/oauth2/token', 401, { error: 'unauthorized' }).join()).toMatch(/invalid_client/);
  });

  it('accepts hello and a real production order page; flags a bad lifecycle and a missing orders array', () => {
    expect(validateDscoResponse('GET', '/hello', 200, '{"hello":"World!"}')).toEqual([]);
    // Production sends `"billTo": {}`, which the spec's OrderBillTo (city/region/postal/country required) forbids:
    // a real-data-vs-spec divergence. Clients must tolerate it; the fake omits billTo instead.
    const { billTo, ...withoutBillTo } = realOrder;
    expect(validateDscoResponse('GET', '/order/page', 200, { scrollId: 's', orders: [withoutBillTo] })).toEqual([]);
    expect(validateDscoResponse('GET', '/order/page', 200, { orders: [{ ...withoutBillTo, billTo }] }).join())
      .toMatch(/billTo must have required property 'city'/);
    expect(validateDscoResponse('GET', '/order/page', 200, { orders: [] })).toEqual([]);
    expect(validateDscoResponse('GET', '/order/page', 200, { scrollId: 's' }).join()).toMatch(/required property 'orders'/);
    const bad = { ...realOrder, dscoLifecycle: 'shipped', dscoCreateDate: '2025-11-11 23:01:54' };
    const v = validateDscoResponse('GET', '/order/page', 200, { orders: [bad] }).join('\n');
    expect(v).toMatch(/orders\/0\/dscoLifecycle must be one of/);
    expect(v).toMatch(/orders\/0\/dscoCreateDate/);
  });

  it('checks the async response of acknowledge (202) and undocumented 2xx codes', () => {
    const ok = { status: 'success', requestId: '0b8f8f0e-1c1a-4a57-9d55-2b1b8c1e0a01', eventDate: '2026-03-02T15:00:00+00:00' };
    expect(validateDscoResponse('POST', '/order/acknowledge', 202, ok)).toEqual([]);
    expect(validateDscoResponse('POST', '/order/acknowledge', 202, { ...ok, status: 'PENDING' }).join()).toMatch(/must be one of/);
    expect(validateDscoResponse('POST', '/order/acknowledge', 200, ok).join()).toMatch(/documents 202/);
    expect(validateDscoResponse('POST', '/order/acknowledge', 503, '<html>')).toEqual([]);
  });

  it('checks the order change log', () => {
    const log = {
      status: 'COMPLETED',
      logs: [
        {
          payload: { id: '1026063942', type: 'DSCO_ORDER_ID', supplierOrderNumber: 'SO-1' },
          dateProcessed: '2026-03-02T15:00:02+00:00', status: 'success', requestMethod: 'api',
          requestMethodDetail: 'acknowledgeOrders', requestId: 'r1', results: [],
        },
        {
          payload: { id: '1', type: 'DSCO_ORDER_ID', lineItems: [{ lineNumber: 1, cancelledQuantity: 1, cancelCode: 'CXSS' }] },
          dateProcessed: '2026-03-02T15:00:02+00:00', status: 'failure', requestMethod: 'api', requestId: 'r1',
          results: [{ code: 'ORDER_NOT_FOUND', severity: 'error', description: 'no such order' }],
        },
      ],
    };
    expect(validateDscoResponse('GET', '/order/log', 200, log)).toEqual([]);
    expect(validateDscoResponse('GET', '/order/log', 200, { status: 'PENDING', logs: [] }).join()).toMatch(/PROCESSING/);
    expect(validateDscoResponse('GET', '/order/log', 200, { logs: [{ payload: { id: '1', type: 'DSCO_ORDER_ID' }, status: 'success' }] }).join('\n'))
      .toMatch(/required property 'dateProcessed'/);
  });

  it('accepts the observed singleShipment answer {"success": true} (spec bug: it requires an undeclared "status")', () => {
    expect(validateDscoResponse('POST', '/order/singleShipment', 201, { success: true })).toEqual([]);
    expect(validateDscoResponse('POST', '/order/singleShipment', 201, { success: 'yes' }).join()).toMatch(/boolean/);
    expect(dscoSchemas.fixups.join()).toMatch(/SuccessFailResponse/);
  });

  it('checks the cancel response (200 or 202)', () => {
    const ok = { status: 'success', requestId: 'r', eventDate: '2026-03-02T15:00:00Z', messages: [{ code: 'OK', severity: 'info', description: 'done' }] };
    expect(validateDscoResponse('POST', '/order/item/cancel', 200, ok)).toEqual([]);
    expect(validateDscoResponse('POST', '/order/item/cancel', 202, { ...ok, status: 'pending' })).toEqual([]);
    expect(validateDscoResponse('POST', '/order/item/cancel', 200, { ...ok, messages: [{ severity: 'fatal' }] }).join('\n'))
      .toMatch(/required property 'code'[\s\S]*severity must be one of/);
  });
});
