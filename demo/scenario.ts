/**
 * The demo's day, declared as data: the orders DSCO receives, what the warehouse, the retailers
 * and the sync do at what time, and how every order must end. demo/run-demo.ts plays it; the
 * tests check the outcome against `expect`.
 */

/** The Dashboard's statuses (src/sync/order-record.ts). */
export type DemoStatus = 'Received' | 'Sent to SS' | 'Shipped' | 'Cancelled' | 'Error';

export interface DemoOrder {
  /** The retailer's PO number: how the demo and its tests find the order. */
  po: string;
  retailer: string;
  lines: { sku: string; title: string; quantity: number }[];
  /** Ship-to fields DSCO sent differently from a complete address. */
  shipping?: { name?: string; city?: string; postal?: string; region?: string };
  /** false: DSCO holds the order (lifecycle "received") until a `release` step. */
  released?: boolean;
  /** Retailer deadlines other than the DSCO sandbox's defaults (ship by 3 days and acknowledge by a day after arrival). */
  deadlines?: { shipByDate?: string; cancelAfterDate?: string };
  /** How the order must look on the Dashboard at the end of the day. */
  expect: { status: DemoStatus; tracking?: string[]; error?: RegExp };
  /** Where ShipStation API V2 ends differently (`npm start -- --shipstation=v2`). */
  expectOnV2?: { status: DemoStatus; tracking?: string[]; error?: RegExp };
}

type At = `${number}:${number}`;

export type DemoStep =
  | { at: At; kind: 'arrive'; po: string }
  | { at: At; kind: 'setup' }
  | { at: At; kind: 'sync'; via: 'syncNow' | 'trigger' }
  | { at: At; kind: 'release'; po: string }
  | { at: At; kind: 'retailerCancel'; po: string; code: string }
  | { at: At; kind: 'cancelRequest'; po: string; code: string }
  | {
      at: At;
      kind: 'ship';
      po: string;
      carrierCode: string;
      serviceCode: string;
      tracking: string;
      /** Only these lines and quantities (a split shipment); all lines when absent. */
      items?: { line: number; quantity: number }[];
      note?: string;
    }
  | { at: At; kind: 'void'; po: string; tracking: string; note: string }
  | { at: At; kind: 'ssCancel'; po: string; note: string }
  /** The operations team types rows into the Inventory tab (SKU, quantity, status, warehouse), from `row` (2 = first). */
  | { at: At; kind: 'inventory'; row: number; rows: [string, number | string, string, string][]; note: string };

/** Monday 2 March 2026, in the spreadsheet's time zone (New York; EST, UTC−5, that day). */
export const DEMO_DATE = '2026-03-02';
export const DEMO_UTC_OFFSET = '-05:00';
export const DEMO_TIME_ZONE = 'America/New_York';

export const DEMO_STORE = { storeId: 310442, storeName: 'Dropship orders (DSCO)' };
/** The supplier's one warehouse in DSCO (its Warehouse Manager code). */
export const DEMO_WAREHOUSE = 'NJ-EDISON';

/** The sandbox accounts, and the settings a person saves in the sidebar for them. */
export const DEMO_CREDENTIALS = {
  dscoClientId: 'demo-dsco-client',
  dscoClientSecret: 'demo-dsco-secret-7f3a',
  ssApiKey: 'demo-ss-key-91c2',
  ssApiSecret: 'demo-ss-secret-4be8',
};

export const DEMO_SETTINGS_FORM = {
  ...DEMO_CREDENTIALS,
  ssStoreId: String(DEMO_STORE.storeId),
  pollIntervalHours: '1',
  lookbackDays: '7',
  dscoEnvironment: 'production',
  includeTestOrders: false,
  cancelCode: 'CXSO',
  sendInvoices: true,
  invoicePer: 'order',
  sendInventory: true,
  inventoryFullHour: '5',
  inventoryWarehouseCode: DEMO_WAREHOUSE,
};

/** What the sidebar adds to choose ShipStation API V2 (`npm start -- --shipstation=v2`). */
export const DEMO_V2_FORM = { ssApiVersion: 'v2', ssV2ApiKey: 'demo-ss-v2-key-5d17' };

const UNMAPPED_ERROR =
  /^No Carrier Map row for ShipStation carrier "ups" and service "ups_ground_saver": add ups \/ ups_ground_saver with its DSCO carrier, method and service level code to the Carrier Map tab, then use Retry failed orders\.$/;

export const DEMO_ORDERS: DemoOrder[] = [
  {
    po: 'HP-4471902',
    retailer: 'Harbor & Pine',
    lines: [{ sku: 'HP-PIL-LIN-18', title: 'Linen throw pillow 18"', quantity: 1 }],
    expect: { status: 'Shipped', tracking: ['1Z4R9E620312345678'] },
  },
  {
    po: 'MLH-88213',
    retailer: 'Maple Lane Home',
    lines: [
      { sku: 'MLH-MUG-SET4', title: 'Stoneware mug set of 4', quantity: 2 },
      { sku: 'MLH-TOWEL-2P', title: 'Waffle tea towels, 2-pack', quantity: 4 },
      { sku: 'MLH-BOWL-L', title: 'Large serving bowl', quantity: 1 },
    ],
    expect: { status: 'Shipped', tracking: ['794612345678'] },
  },
  {
    po: 'SUM-88017',
    retailer: 'Summit Outfitters',
    lines: [
      { sku: 'SUM-PACK-30L', title: 'Trail pack 30 L', quantity: 1 },
      { sku: 'SUM-BTL-750', title: 'Insulated bottle 750 ml', quantity: 3 },
    ],
    expect: { status: 'Shipped', tracking: ['794612340001', '794612340002'] },
    // A V2 label carries no items of its own: the first box's label reports every line shipped, and the second
    // box's tracking covers nothing left (a Logs warning). On V2 ship one label with two packages instead.
    expectOnV2: { status: 'Shipped', tracking: ['794612340001'] },
  },
  {
    po: 'BBK-551903',
    retailer: 'Bluebird Kids',
    lines: [{ sku: 'BBK-TRAIN-WD', title: 'Wooden train set', quantity: 1 }],
    expect: { status: 'Shipped', tracking: ['9400111899223345678902'] },
  },
  {
    po: 'HP-4471957',
    retailer: 'Harbor & Pine',
    lines: [{ sku: 'HP-THROW-WOOL', title: 'Wool throw, charcoal', quantity: 1 }],
    expect: { status: 'Cancelled' },
  },
  {
    po: 'MLH-88240',
    retailer: 'Maple Lane Home',
    lines: [
      { sku: 'MLH-LAMP-BR', title: 'Brass table lamp', quantity: 1 },
      { sku: 'MLH-BULB-E26', title: 'LED bulb E26', quantity: 2 },
    ],
    expect: { status: 'Cancelled' },
  },
  {
    po: 'SUM-88022',
    retailer: 'Summit Outfitters',
    lines: [{ sku: 'SUM-TENT-2P', title: 'Two-person tent', quantity: 1 }],
    expect: { status: 'Cancelled' },
  },
  {
    po: 'BBK-551977',
    retailer: 'Bluebird Kids',
    lines: [{ sku: 'BBK-BLOCKS-100', title: 'Building blocks, 100 pieces', quantity: 2 }],
    shipping: { city: '', postal: '' },
    expect: { status: 'Error', error: /incomplete ship-to address .*missing city, postal code.*Retry failed orders/ },
  },
  {
    po: 'HP-4472010',
    retailer: 'Harbor & Pine',
    lines: [{ sku: 'HP-CANDLE-CED', title: 'Cedar candle', quantity: 3 }],
    expect: { status: 'Error', error: UNMAPPED_ERROR },
  },
  {
    po: 'MLH-88302',
    retailer: 'Maple Lane Home',
    lines: [{ sku: 'MLH-RUG-5X7', title: 'Jute rug 5x7', quantity: 1 }],
    released: false,
    expect: { status: 'Shipped', tracking: ['9400111899223345678919'] },
  },
  {
    po: 'BBK-552040',
    retailer: 'Bluebird Kids',
    // Due today: ship by 17:00 and cancel after 23:59 New York time on the demo's day.
    deadlines: { shipByDate: '2026-03-02T22:00:00Z', cancelAfterDate: '2026-03-03T04:59:00Z' },
    lines: [
      { sku: 'BBK-PUZZLE-48', title: 'Floor puzzle, 48 pieces', quantity: 1 },
      { sku: 'BBK-CRAYON-24', title: 'Beeswax crayons, 24', quantity: 2 },
    ],
    expect: { status: 'Sent to SS' },
  },
  {
    po: 'SUM-88041',
    retailer: 'Summit Outfitters',
    // Late: the retailer's ship-by date was yesterday.
    deadlines: { shipByDate: '2026-03-01T22:00:00Z' },
    lines: [{ sku: 'SUM-HEADLAMP', title: 'Rechargeable headlamp', quantity: 1 }],
    expect: { status: 'Sent to SS' },
  },
];

/**
 * The Inventory tab at the end of the day, row by row, and what its Result must say. The supplier's
 * DSCO catalog holds every SKU of the demo's orders; SUM-BTL-75O is a typo (a letter O).
 */
export const DEMO_INVENTORY_EXPECT: { sku: string; result: RegExp }[] = [
  { sku: 'HP-PIL-LIN-18', result: /^Accepted by DSCO$/ },
  { sku: 'MLH-MUG-SET4', result: /^Accepted by DSCO$/ },
  { sku: 'SUM-TENT-2P', result: /^Accepted by DSCO$/ },
  { sku: 'BBK-TRAIN-WD', result: /^Accepted by DSCO$/ },
  { sku: 'SUM-BTL-75O', result: /^Refused: DSCO does not know this SKU/ },
  { sku: 'MLH-LAMP-BR', result: /^Not sent: the quantity -1 is negative/ },
  { sku: 'BBK-PUZZLE-48', result: /^Accepted by DSCO$/ },
];

export const DEMO_STEPS: DemoStep[] = [
  // Overnight: retailers send purchase orders to DSCO.
  { at: '00:42', kind: 'arrive', po: 'HP-4471902' },
  { at: '01:15', kind: 'arrive', po: 'MLH-88213' },
  { at: '02:03', kind: 'arrive', po: 'SUM-88017' },
  { at: '03:27', kind: 'arrive', po: 'BBK-551903' },
  { at: '04:10', kind: 'arrive', po: 'HP-4471957' },
  { at: '05:02', kind: 'arrive', po: 'MLH-88240' },
  { at: '05:48', kind: 'arrive', po: 'SUM-88022' },
  { at: '06:20', kind: 'arrive', po: 'BBK-551977' },
  { at: '06:35', kind: 'arrive', po: 'HP-4472010' },
  { at: '06:50', kind: 'arrive', po: 'MLH-88302' },
  // Morning: the sheet is set up and the first sync runs by hand.
  { at: '07:30', kind: 'setup' },
  {
    at: '07:45',
    kind: 'inventory',
    row: 2,
    rows: [
      ['HP-PIL-LIN-18', 24, '', ''],
      ['MLH-MUG-SET4', 0, '', ''],
      ['SUM-TENT-2P', 0, 'discontinued', ''],
      ['BBK-TRAIN-WD', 12, 'in stock', ''],
      ['SUM-BTL-75O', 40, '', ''],
      ['MLH-LAMP-BR', -1, '', ''],
    ],
    note: 'stock counts for 6 SKUs (one SKU mistyped, one quantity negative)',
  },
  { at: '08:00', kind: 'sync', via: 'syncNow' },
  { at: '08:15', kind: 'ship', po: 'HP-4471902', carrierCode: 'ups', serviceCode: 'ups_ground', tracking: '1Z4R9E620312345678' },
  { at: '08:20', kind: 'ship', po: 'MLH-88213', carrierCode: 'fedex', serviceCode: 'fedex_ground', tracking: '794612345678', note: 'all 3 lines in one box' },
  {
    at: '08:25',
    kind: 'ship',
    po: 'SUM-88017',
    carrierCode: 'fedex',
    serviceCode: 'fedex_home_delivery',
    tracking: '794612340001',
    items: [
      { line: 1, quantity: 1 },
      { line: 2, quantity: 1 },
    ],
    note: 'box 1 of 2: the pack and 1 of 3 bottles',
  },
  { at: '08:30', kind: 'retailerCancel', po: 'HP-4471957', code: 'CXRR' },
  { at: '08:35', kind: 'ship', po: 'BBK-551903', carrierCode: 'stamps_com', serviceCode: 'usps_ground_advantage', tracking: '9400111899223345678901' },
  { at: '08:38', kind: 'void', po: 'BBK-551903', tracking: '9400111899223345678901', note: 'wrong box size' },
  { at: '08:40', kind: 'ship', po: 'BBK-551903', carrierCode: 'stamps_com', serviceCode: 'usps_ground_advantage', tracking: '9400111899223345678902', note: 'replacement label' },
  { at: '08:45', kind: 'ship', po: 'HP-4472010', carrierCode: 'ups', serviceCode: 'ups_ground_saver', tracking: '1Z4R9E620398765432', note: 'a service missing from the Carrier Map' },
  { at: '09:00', kind: 'sync', via: 'trigger' },
  { at: '09:20', kind: 'ssCancel', po: 'MLH-88240', note: 'the lamp is out of stock' },
  { at: '09:30', kind: 'cancelRequest', po: 'SUM-88022', code: 'CXRR' },
  { at: '10:00', kind: 'sync', via: 'trigger' },
  { at: '10:40', kind: 'release', po: 'MLH-88302' },
  {
    at: '10:50',
    kind: 'ship',
    po: 'SUM-88017',
    carrierCode: 'fedex',
    serviceCode: 'fedex_home_delivery',
    tracking: '794612340002',
    items: [{ line: 2, quantity: 2 }],
    note: 'box 2 of 2: the other 2 bottles',
  },
  { at: '11:00', kind: 'sync', via: 'trigger' },
  { at: '11:45', kind: 'ship', po: 'MLH-88302', carrierCode: 'stamps_com', serviceCode: 'usps_ground_advantage', tracking: '9400111899223345678919' },
  { at: '12:00', kind: 'sync', via: 'trigger' },
  { at: '12:30', kind: 'inventory', row: 3, rows: [['MLH-MUG-SET4', 36, '', '']], note: 'the mug sets are back in stock' },
  { at: '12:35', kind: 'inventory', row: 8, rows: [['BBK-PUZZLE-48', 15, '', '']], note: 'a new SKU added' },
  { at: '12:40', kind: 'arrive', po: 'BBK-552040' },
  { at: '13:00', kind: 'sync', via: 'trigger' },
  { at: '13:15', kind: 'arrive', po: 'SUM-88041' },
  { at: '14:00', kind: 'sync', via: 'trigger' },
  { at: '15:00', kind: 'sync', via: 'trigger' },
];

/** Epoch ms of a demo-day time such as '08:30'. */
export function demoTime(at: string): number {
  const [h, m] = at.split(':');
  return Date.parse(`${DEMO_DATE}T${h.padStart(2, '0')}:${m.padStart(2, '0')}:00${DEMO_UTC_OFFSET}`);
}

export function demoOrder(po: string): DemoOrder {
  const order = DEMO_ORDERS.find((o) => o.po === po);
  if (!order) throw new Error(`demo scenario: no order ${po}`);
  return order;
}
