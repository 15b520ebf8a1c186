import type { KeyValueStore } from '../../core/ports/key-value-store';
import { PROPERTIES } from '../../storage/storage-map';

export type WatermarkName = 'shipments' | 'dscoUpdates' | 'shipstationCancels';

/**
 * How far each incremental flow has read, as epoch ms in Script Properties. A watermark moves
 * only after the work it covers is saved to the sheet.
 */
export class Watermarks {
  constructor(private readonly store: KeyValueStore) {}

  get(name: WatermarkName): number | undefined {
    const v = Number(this.store.get(PROPERTIES.watermarkPrefix + name));
    return Number.isFinite(v) && v > 0 ? v : undefined;
  }

  set(name: WatermarkName, epochMs: number): void {
    this.store.set(PROPERTIES.watermarkPrefix + name, String(Math.floor(epochMs)));
  }
}
