import type { SpreadsheetInfo } from '../core/ports/spreadsheet-info';

const TTL_SECONDS = 6 * 3600;

/**
 * SpreadsheetInfo over SpreadsheetApp and Utilities.formatDate. The ID and the time zone are asked
 * of Sheets at most every 6 hours and kept in the script cache, so a sync cycle pays no Sheets call
 * for them. That is safe for the copy guard: a copy of the spreadsheet gets a copy of the script,
 * a new script with its own, empty cache, so it always reads its own ID.
 */
export class ActiveSpreadsheetInfo implements SpreadsheetInfo {
  private readonly cache = CacheService.getScriptCache();
  private zone: string | undefined;

  private remembered(key: string, read: (s: GoogleAppsScript.Spreadsheet.Spreadsheet) => string): string {
    const cached = this.cache.get(key);
    if (cached) return cached;
    const value = read(SpreadsheetApp.getActiveSpreadsheet());
    this.cache.put(key, value, TTL_SECONDS);
    return value;
  }

  id(): string {
    return this.remembered('spreadsheet.id', (s) => s.getId());
  }

  url(): string {
    return SpreadsheetApp.getActiveSpreadsheet().getUrl();
  }

  formatTime(epochMs: number): string {
    this.zone ??= this.remembered('spreadsheet.timeZone', (s) => s.getSpreadsheetTimeZone());
    return Utilities.formatDate(new Date(epochMs), this.zone, 'd MMM HH:mm');
  }
}
