import { createHash, createHmac, randomUUID } from 'node:crypto';
import type { SimClock } from '../clock';
import { SimBlob, toBuffer, toSignedBytes } from './blob';
import { formatDate } from './format-date';
import { exception, isDate } from './sim-exception';

export const SLEEP_MAX_MS = 300_000;

const CHARSET = { US_ASCII: 'US_ASCII', UTF_8: 'UTF_8' } as const;
const DIGEST = { MD2: 'md2', MD5: 'md5', SHA_1: 'sha1', SHA_256: 'sha256', SHA_384: 'sha384', SHA_512: 'sha512' } as const;
const MAC = { HMAC_MD5: 'md5', HMAC_SHA_1: 'sha1', HMAC_SHA_256: 'sha256', HMAC_SHA_384: 'sha384', HMAC_SHA_512: 'sha512' } as const;

function charsetName(c?: string): string { return c === 'US_ASCII' ? 'US-ASCII' : 'UTF-8'; }

/** Utilities: base64, blobs, formatDate via Intl, sleep advancing the simulated clock, digests. */
export class SimUtilities {
  static readonly simKind = 'Utilities';
  readonly Charset = CHARSET;
  readonly DigestAlgorithm = { MD2: 'MD2', MD5: 'MD5', SHA_1: 'SHA_1', SHA_256: 'SHA_256', SHA_384: 'SHA_384', SHA_512: 'SHA_512' };
  readonly MacAlgorithm = { HMAC_MD5: 'HMAC_MD5', HMAC_SHA_1: 'HMAC_SHA_1', HMAC_SHA_256: 'HMAC_SHA_256', HMAC_SHA_384: 'HMAC_SHA_384', HMAC_SHA_512: 'HMAC_SHA_512' };

  constructor(private readonly clock: SimClock) {}

  base64Encode(data: string | number[], charset?: string): string { return toBuffer(data, charsetName(charset)).toString('base64'); }
  base64EncodeWebSafe(data: string | number[], charset?: string): string {
    return toBuffer(data, charsetName(charset)).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  }
  base64Decode(encoded: string): number[] {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded.replace(/\s/g, ''))) throw exception('Could not decode string.');
    return toSignedBytes(Buffer.from(encoded, 'base64'));
  }
  base64DecodeWebSafe(encoded: string): number[] {
    return this.base64Decode(encoded.replace(/-/g, '+').replace(/_/g, '/'));
  }
  newBlob(data: unknown, contentType?: string, name?: string): SimBlob { return new SimBlob(data, contentType ?? null, name ?? null); }
  formatDate(date: Date, timeZone: string, format: string): string {
    if (!isDate(date)) throw exception("The parameters (String,String,String) don't match the method signature for Utilities.formatDate.");
    return formatDate(date, timeZone, format);
  }
  formatString(template: string, ...args: unknown[]): string {
    let i = 0;
    return template.replace(/%[sdf%]/g, (m) => (m === '%%' ? '%' : String(args[i++])));
  }
  /** Advances the simulated clock; no real wait. Max 300000 ms, as documented. */
  sleep(milliseconds: number): void {
    if (!(milliseconds >= 0) || milliseconds > SLEEP_MAX_MS) throw exception(`Invalid argument: milliseconds (${milliseconds}); the maximum is ${SLEEP_MAX_MS}.`);
    this.clock.advance(milliseconds);
  }
  getUuid(): string { return randomUUID(); }
  computeDigest(algorithm: string, value: string | number[], charset?: string): number[] {
    const algo = DIGEST[algorithm as keyof typeof DIGEST];
    if (!algo) throw exception('Invalid argument: algorithm');
    return toSignedBytes(createHash(algo).update(toBuffer(value, charsetName(charset))).digest());
  }
  computeHmacSignature(algorithm: string, value: string | number[], key: string | number[], charset?: string): number[] {
    const algo = MAC[algorithm as keyof typeof MAC];
    if (!algo) throw exception('Invalid argument: algorithm');
    return toSignedBytes(createHmac(algo, toBuffer(key, charsetName(charset))).update(toBuffer(value, charsetName(charset))).digest());
  }
  computeHmacSha256Signature(value: string | number[], key: string | number[], charset?: string): number[] {
    return this.computeHmacSignature('HMAC_SHA_256', value, key, charset);
  }
}
