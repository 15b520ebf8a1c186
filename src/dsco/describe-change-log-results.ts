import type { DscoChangeLogEntry } from './dsco-types';

/** The reasons DSCO gave for one change-log entry, as one line ("no reason given" when none). */
export function describeChangeLogResults(entry: DscoChangeLogEntry): string {
  const parts = (entry.results ?? []).map((m) => {
    const d = m.description;
    return typeof d === 'string' ? d : Array.isArray(d) ? d.join('; ') : m.code;
  });
  return parts.filter(Boolean).join('; ') || 'no reason given';
}
