/** Apps Script byte arrays are plain arrays of signed bytes (-128..127). */
export function toSignedBytes(buf: Uint8Array): number[] {
  return Array.from(buf, (b) => (b > 127 ? b - 256 : b));
}

export function fromBytes(bytes: number[]): Buffer {
  return Buffer.from(bytes.map((b) => b & 0xff));
}

/** string | byte[] | Blob -> Buffer */
export function toBuffer(data: unknown, charset = 'utf8'): Buffer {
  if (data instanceof SimBlob) return Buffer.from(data.bytes);
  if (Array.isArray(data)) return fromBytes(data as number[]);
  return Buffer.from(String(data ?? ''), charset.toLowerCase().replace('-', '') === 'usascii' ? 'ascii' : 'utf8');
}

export class SimBlob {
  static readonly simKind = 'Blob';
  bytes: Buffer;
  constructor(data: unknown, public contentType: string | null = null, public name: string | null = null) {
    this.bytes = toBuffer(data);
  }
  getBytes(): number[] { return toSignedBytes(this.bytes); }
  setBytes(data: number[]): this { this.bytes = fromBytes(data); return this; }
  getDataAsString(_charset?: string): string { return this.bytes.toString('utf8'); }
  setDataFromString(s: string): this { this.bytes = Buffer.from(s, 'utf8'); return this; }
  getContentType(): string | null { return this.contentType; }
  setContentType(t: string): this { this.contentType = t; return this; }
  getName(): string | null { return this.name; }
  setName(n: string): this { this.name = n; return this; }
  copyBlob(): SimBlob { return new SimBlob(Buffer.from(this.bytes), this.contentType, this.name); }
  getBlob(): SimBlob { return this; }
  isGoogleType(): boolean { return false; }
}
