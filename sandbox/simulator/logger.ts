import { format } from 'node:util';

export interface LogEntry {
  level: 'log' | 'info' | 'warn' | 'error';
  message: string;
}

/** Captures console.* and Logger.log from the bundle. Not printed unless `echo` is set. */
export class LogSink {
  readonly entries: LogEntry[] = [];
  constructor(private readonly echo = false) {}

  push(level: LogEntry['level'], args: unknown[]): void {
    const message = format(...args);
    this.entries.push({ level, message });
    if (this.echo) process.stdout.write(`[sim ${level}] ${message}\n`);
  }

  /** A console object for the context (not a service: not counted, never throws). */
  console(): Record<string, (...args: unknown[]) => void> {
    const mk = (level: LogEntry['level']) => (...args: unknown[]) => this.push(level, args);
    return { log: mk('log'), info: mk('info'), warn: mk('warn'), error: mk('error'), debug: mk('log') };
  }
}

/** Apps Script `Logger`: log(format, ...values) with %s substitution; getLog(); clear(). */
export class SimLogger {
  static readonly simKind = 'Logger';
  private text: string[] = [];
  constructor(private readonly sink: LogSink) {}

  log(data: unknown, ...values: unknown[]): SimLogger {
    let message: string;
    if (typeof data === 'string' && values.length > 0) {
      let i = 0;
      message = data.replace(/%s/g, () => (i < values.length ? String(values[i++]) : '%s'));
    } else {
      message = typeof data === 'string' ? data : format(data);
    }
    this.sink.push('log', [message]);
    this.text.push(message);
    return this;
  }

  getLog(): string {
    return this.text.map((t) => `${t}\n`).join('');
  }

  clear(): void {
    this.text = [];
  }
}
