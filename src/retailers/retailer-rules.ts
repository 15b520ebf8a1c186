import type { RecordView } from '../sync/orders/order-record';

/** What the Retailers tab says for one DSCO trading partner. */
export interface RetailerRule {
  /** The supplier cancel code DSCO maps for this retailer; undefined: the Cancel code setting. */
  cancelCode?: string;
  /** Whether the retailer's cancel request is accepted by itself when nothing has shipped (default yes). */
  acceptCancelRequests: boolean;
}

interface Row {
  id: string;
  name: string;
  rule: RetailerRule;
}

const norm = (v: unknown) => String(v ?? '').trim();
/** DSCO cancel codes are short upper-case codes such as CXSO or CXSC. */
const CANCEL_CODE = /^[A-Z0-9_]{2,20}$/;
const NO = /^(no|n|false|off)$/i;

/** The retailer's key on the Retailers tab: DSCO's trading partner ID, else its name. */
export function retailerKey(r: RecordView): { id: string; name: string } | undefined {
  const id = norm(r.tradingPartner?.id);
  const name = norm(r.tradingPartner?.name ?? r.retailer);
  return id || name ? { id, name } : undefined;
}

/**
 * The Retailers tab: per DSCO trading partner, the cancel code to use and whether its cancel
 * requests are accepted automatically. Edited by people and read once a run. Like the Carrier Map,
 * a row that does not make sense is not used: an invalid cancel code falls back to the Cancel code
 * setting, and an answer other than Yes or No to the default (accept), so a typo never blocks a cancellation.
 */
export class RetailerRules {
  private readonly rows: Row[];

  constructor(private readonly raw: unknown[][]) {
    this.rows = raw
      .map((r) => {
        const code = norm(r[2]).toUpperCase();
        const accept = norm(r[3]);
        return { id: norm(r[0]), name: norm(r[1]), rule: { cancelCode: CANCEL_CODE.test(code) ? code : undefined, acceptCancelRequests: !NO.test(accept) } };
      })
      .filter((row) => row.id || row.name);
  }

  private find(r: RecordView): Row | undefined {
    const key = retailerKey(r);
    if (!key) return undefined;
    return (key.id ? this.rows.find((row) => row.id === key.id) : undefined) ?? this.rows.find((row) => !row.id && key.name && row.name.toLowerCase() === key.name.toLowerCase());
  }

  /** These rules with rows added. */
  with(rows: unknown[][]): RetailerRules {
    return new RetailerRules([...this.raw, ...rows]);
  }

  /** The rule for an order's retailer (the defaults when it has no row). */
  for(r: RecordView): RetailerRule {
    return this.find(r)?.rule ?? { acceptCancelRequests: true };
  }

  /** Rows to add for the retailers of these orders the tab does not have yet, each once: ID, name, blank code (the setting), Yes, no note. */
  newRows(records: readonly RecordView[]): string[][] {
    const out: string[][] = [];
    const added = new Set<string>();
    for (const r of records) {
      const key = retailerKey(r);
      if (!key || this.find(r)) continue;
      const k = key.id || key.name.toLowerCase();
      if (added.has(k)) continue;
      added.add(k);
      out.push([key.id, key.name, '', 'Yes', '']);
    }
    return out;
  }
}
