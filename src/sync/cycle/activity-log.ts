import type { Tab } from '../../core/ports/workbook';
import { redact } from '../../core/redact';
import type { Flow } from '../orders/order-record';
import { capText } from '../../storage/cap-text';
import { sheetText } from '../book/sheet-text';
import { LOGS_MAX_ROWS } from '../book/tabs';

export type LogLevel = 'INFO' | 'WARN' | 'ERROR';

export interface LogLine {
  at: number;
  level: LogLevel;
  flow: Flow | '';
  dscoOrderId: string;
  message: string;
}

/**
 * The Logs tab: every action of a cycle, collected in memory and appended in one block. Messages
 * pass through redaction, so no secret or Authorization header ever reaches a cell.
 */
export class ActivityLog {
  private pending: LogLine[] = [];
  readonly lines: LogLine[] = [];

  constructor(
    private readonly now: () => number,
    private readonly secrets: () => readonly string[],
  ) {}

  info(flow: Flow | '', dscoOrderId: string, message: string): void {
    this.add('INFO', flow, dscoOrderId, message);
  }

  warn(flow: Flow | '', dscoOrderId: string, message: string): void {
    this.add('WARN', flow, dscoOrderId, message);
  }

  error(flow: Flow | '', dscoOrderId: string, message: string): void {
    this.add('ERROR', flow, dscoOrderId, message);
  }

  private add(level: LogLevel, flow: Flow | '', dscoOrderId: string, message: string): void {
    const line = { at: this.now(), level, flow, dscoOrderId, message: redact(message, this.secrets()) };
    this.pending.push(line);
    this.lines.push(line);
  }

  /**
   * Appends what was logged since the last flush below the tab's last row (two Sheets calls). When
   * the tab holds more than `maxRows`, the oldest fifth is removed in one more call.
   */
  flush(tab: Tab | undefined, maxRows = LOGS_MAX_ROWS): void {
    if (!tab || this.pending.length === 0) return;
    const rows = this.pending.map((l) => [new Date(l.at), l.level, l.flow, l.dscoOrderId, sheetText(capText(l.message))]);
    const last = tab.lastRow();
    tab.writeRows(last + 1, rows);
    this.pending = [];
    const total = last - 1 + rows.length;
    if (total > maxRows) tab.deleteRows(2, total - Math.floor(maxRows * 0.8));
  }
}
