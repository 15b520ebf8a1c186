import type { KeyValueStore } from '../core/ports/key-value-store';
import type { SpreadsheetInfo } from '../core/ports/spreadsheet-info';

const KEY = 'install.spreadsheetId';

/**
 * The copy guard. "Make a copy" copies the bound script and possibly its Script Properties (the
 * settings and the watermarks), so a copy could act on the live DSCO and ShipStation accounts with
 * a stale order book. The script records the spreadsheet the settings were saved in, and refuses
 * to sync anywhere else until the settings are saved there.
 */
export class InstallRecord {
  constructor(
    private readonly store: KeyValueStore,
    private readonly spreadsheet: SpreadsheetInfo,
  ) {}

  /** Whether this spreadsheet is not the one the settings were saved in. */
  isCopy(): boolean {
    const recorded = this.store.get(KEY);
    return !!recorded && recorded !== this.spreadsheet.id();
  }

  /** Why a sync may not run here, or null. Settings saved before this guard existed adopt this spreadsheet. */
  refusal(): string | null {
    const recorded = this.store.get(KEY);
    if (!recorded) {
      this.store.set(KEY, this.spreadsheet.id());
      return null;
    }
    if (recorded === this.spreadsheet.id()) return null;
    return 'This spreadsheet is a copy of the one DSCO Sync was set up in, so it does not sync: its order book would be out of date. To sync from this copy instead, open DSCO Sync → Settings…, check the settings and Save (and make sure the original no longer syncs).';
  }

  /** Settings saved here: this spreadsheet is the one that syncs. */
  record(): void {
    this.store.set(KEY, this.spreadsheet.id());
  }
}
