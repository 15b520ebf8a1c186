/** The role "facts about the spreadsheet the script is bound to": which one it is, its address, its time zone. */
export interface SpreadsheetInfo {
  id(): string;
  url(): string;
  /** "3 Dec 09:02" in the spreadsheet's time zone. */
  formatTime(epochMs: number): string;
}
