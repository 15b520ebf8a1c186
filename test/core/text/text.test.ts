import { describe, expect, it } from 'vitest';
import { base64EncodeUtf8 } from '../../../src/core/text/base64';
import { formEncode, queryString } from '../../../src/core/text/form-encode';
import { redact } from '../../../src/core/redact';

describe('base64EncodeUtf8', () => {
  it('matches the ShipStation docs example and Node for ASCII, accents and emoji', () => {
    expect(base64EncodeUtf8('ShipStation:Rocks')).toBe('U2hpcFN0YXRpb246Um9ja3M=');
    for (const s of ['', 'a', 'ab', 'abc', 'clé:sécrèt', 'key:🔑秘密', 'x'.repeat(1001)]) {
      expect(base64EncodeUtf8(s)).toBe(Buffer.from(s, 'utf8').toString('base64'));
    }
  });
});

describe('form and query encoding', () => {
  it('form-encodes OAuth fields, escaping reserved characters', () => {
    expect(formEncode({ grant_type: 'client_credentials', client_secret: 'a&b=c d+' })).toBe(
      'grant_type=client_credentials&client_secret=a%26b%3Dc+d%2B',
    );
  });

  it('repeats array parameters and drops undefined ones', () => {
    expect(queryString({ status: ['created', 'shipped'], until: '2026-01-01T00:00:00Z', x: undefined })).toBe(
      '?status=created&status=shipped&until=2026-01-01T00%3A00%3A00Z',
    );
    expect(queryString({})).toBe('');
  });
});

describe('redact', () => {
  it('removes known secrets and anything after Authorization, Basic or bearer', () => {
    const out = redact(
      'secret s3cr3t-value leaked; Authorization: Basic QUJDOkRFRg== and bearer eyJhbGciOiJIUzI1NiJ9.x; client_secret=zzzz&x=1',
      ['s3cr3t-value'],
    );
    expect(out).not.toContain('s3cr3t-value');
    expect(out).not.toContain('QUJDOkRFRg');
    expect(out).not.toContain('eyJhbGciOiJIUzI1NiJ9');
    expect(out).not.toContain('zzzz');
    expect(out).toContain('[redacted]');
  });

  it('leaves ordinary text alone', () => {
    expect(redact('Order 123 created in store 45', ['abcdef'])).toBe('Order 123 created in store 45');
  });
});
