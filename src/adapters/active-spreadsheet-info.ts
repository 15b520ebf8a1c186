import type { SpreadsheetInfo } from '../core/ports/spreadsheet-info';

/** SpreadsheetInfo over SpreadsheetApp.getActiveSpreadsheet() and Utilities.formatDate. */
export class ActiveSpreadsheetInfo implements SpreadsheetInfo {
  private readonly spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  private zone: string | undefined;

  id(): string {
    return this.spreadsheet.getId();
  }

  url(): string {
    return this.spreadsheet.getUrl();
  }

  formatTime(epochMs: number): string {
    this.zone ??= this.spreadsheet.getSpreadsheetTimeZone();
    return Utilities.formatDate(new Date(epochMs), this.zone, 'd MMM HH:mm');
  }
}
