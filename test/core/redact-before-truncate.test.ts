import { describe, expect, it } from 'vitest';
import { describeDscoError } from '../../src/dsco/describe-dsco-error';
import { describeShipStationError } from '../../src/shipstation/describe-shipstation-error';
import { snippet } from '../../src/core/text/parse-json';

const KEY = 'ssKey0123456789abcdefSECRET';
/** A 502 body that echoes the key across the 160-character cut. */
const body = `${'upstream proxy error '.repeat(6)}request had key=${KEY} and more text after it`;

describe('secrets are redacted before an error body is cut', () => {
  it('the cut falls inside the key in this body (the test would catch cutting first)', () => {
    const at = body.indexOf(KEY);
    expect(at).toBeLessThan(160);
    expect(at + KEY.length).toBeGreaterThan(160);
  });

  it('snippet() removes the key whole, not just its tail', () => {
    const text = snippet(body, 160, [KEY]);
    expect(text).not.toContain(KEY.slice(0, 6));
    expect(text).toContain('[redacted]');
  });

  it('ShipStation and DSCO errors quoting a plain-text or HTML body never carry a prefix of a secret', () => {
    for (const b of [body, `<html><body>${body}</body></html>`]) {
      const ss = describeShipStationError(502, b, 'order creation', [KEY, 'other-secret']).message;
      const dsco = describeDscoError(502, b, 'order page', [KEY]).message;
      for (const m of [ss, dsco]) expect(m).not.toContain(KEY.slice(0, 6));
    }
  });

  it('a JSON message quoting a secret is redacted too', () => {
    const m = describeShipStationError(400, JSON.stringify({ Message: `bad key ${KEY}` }), 'store list', [KEY]).message;
    expect(m).not.toContain(KEY);
    const d = describeDscoError(400, JSON.stringify({ message: `bad ${KEY}` }), 'hello', [KEY]).message;
    expect(d).not.toContain(KEY);
  });
});
