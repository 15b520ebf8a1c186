/**
 * ShipStation API V2 objects as this integration uses them (shipstation-v2-openapi.yaml, notes
 * shipstation-v2.md). IDs are strings like "se-12345"; dates are ISO 8601 with Z or an offset.
 */
export type V2ShipmentStatus = 'pending' | 'processing' | 'label_purchased' | 'cancelled';

export interface V2Address {
  name: string;
  phone: string;
  email?: string;
  company_name?: string;
  address_line1: string;
  address_line2?: string;
  address_line3?: string;
  city_locality: string;
  state_province: string;
  postal_code: string;
  country_code: string;
  address_residential_indicator: 'yes' | 'no' | 'unknown';
}

export interface V2Item {
  name?: string;
  sku?: string;
  quantity?: number;
  unit_price?: number;
  external_order_item_id?: string;
  [extra: string]: unknown;
}

export interface V2Money {
  currency: string;
  amount: number;
}

/** One entry of `POST /v2/shipments` (create_shipment_request: additionalProperties false). */
export interface V2CreateShipment {
  external_shipment_id: string;
  create_sales_order?: boolean;
  store_id?: string;
  notes_from_buyer?: string;
  notes_for_gift?: string;
  is_gift?: boolean;
  ship_to: V2Address;
  ship_from: V2Address;
  items: V2Item[];
}

export interface V2Shipment {
  shipment_id: string;
  external_shipment_id?: string | null;
  shipment_number?: string | null;
  shipment_status: V2ShipmentStatus;
  store_id?: string | null;
  created_at: string;
  modified_at: string;
  ship_by_date?: string | null;
  requested_shipment_service?: string | null;
  notes_from_buyer?: string | null;
  notes_for_gift?: string | null;
  is_gift?: boolean;
  ship_to: V2Address;
  items?: V2Item[];
  errors?: string[] | null;
  [extra: string]: unknown;
}

export interface V2LabelPackage {
  tracking_number?: string | null;
  [extra: string]: unknown;
}

export interface V2Label {
  label_id: string;
  status?: 'processing' | 'completed' | 'error' | 'voided';
  shipment_id: string;
  external_shipment_id?: string | null;
  ship_date?: string | null;
  created_at?: string | null;
  tracking_number?: string | null;
  is_return_label?: boolean;
  carrier_code?: string | null;
  service_code?: string | null;
  voided?: boolean;
  voided_at?: string | null;
  packages?: V2LabelPackage[] | null;
  [extra: string]: unknown;
}

export interface V2Fulfillment {
  fulfillment_id?: string;
  shipment_id?: string;
  shipment_number?: string;
  tracking_number?: string;
  created_at?: string;
  ship_date?: string;
  voided?: boolean;
  voided_at?: string | null;
  fulfillment_carrier_friendly_name?: string;
  [extra: string]: unknown;
}

export interface V2Warehouse {
  warehouse_id: string;
  is_default?: boolean;
  name?: string;
  origin_address?: V2Address;
}

export interface V2VoidResult {
  approved: boolean;
  message: string;
  reason_code?: string;
}
