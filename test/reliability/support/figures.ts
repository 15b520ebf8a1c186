/**
 * What each reliability test measured. A test stores its Figures in `task.meta.reliability`, which
 * vitest's JSON reporter writes out with the test's result; scripts/reliability-report.ts turns the
 * report into docs/reliability.md. The figures travel with the run that produced them, so a stale
 * or partial file can never be mistaken for the last run.
 */
export type Area = 'faults' | 'time-limit' | 'properties' | 'bad-input' | 'settings' | 'secrets';

export interface Figures {
  area: Area;
  scenario: string;
  /** Faults that actually fired, by kind ("dsco-5xx", "sheets-timeout", …). */
  faults: Record<string, number>;
  /** Bad inputs tried, by name. */
  badInputs: string[];
  /** DSCO orders in play. */
  orders: number;
  /** ShipStation shipments (labels and mark-as-shipped) in play. */
  shipments: number;
  /** Sync executions run (syncNow, retryFailed, scheduled). */
  cycles: number;
  /** Executions stopped by the 6-minute limit. */
  killed: number;
  duplicates: { ssOrders: number; dscoShipments: number };
  /** DSCO orders neither in ShipStation nor an Error row with a message. */
  lost: number;
  /** Dashboard rows that disappeared (not on the Dashboard or the Archive any more). */
  lostRows: number;
  watermarkChecks: number;
  watermarkViolations: number;
  /** Dashboard rows that disagree with DSCO or ShipStation at the end. */
  disagreements: number;
  leakScans: number;
  valuesScanned: number;
  leaks: number;
  /** Cells checked for formulas, and formulas found. */
  formulaCells: number;
  formulas: number;
  /** Property tests: generated runs and commands. */
  runs: number;
  commands: number;
  /** Error rows at the end (each with a message a person can act on). */
  errorRows: number;
  /** Problems of a known, reported bug that a test tolerates (by bug id), so the rest of it still guards. */
  knownIssues: Record<string, number>;
  /** A test of a known bug, marked `.fails`: it passes while the bug is there. */
  expectedToFail?: boolean;
  /** Convergence property: the most hours of clean hourly runs it took DSCO, ShipStation and the sheet to agree. */
  worstHealHours?: number;
}

export function emptyFigures(area: Area, scenario: string): Figures {
  return {
    area,
    scenario,
    faults: {},
    badInputs: [],
    orders: 0,
    shipments: 0,
    cycles: 0,
    killed: 0,
    duplicates: { ssOrders: 0, dscoShipments: 0 },
    lost: 0,
    lostRows: 0,
    watermarkChecks: 0,
    watermarkViolations: 0,
    disagreements: 0,
    leakScans: 0,
    valuesScanned: 0,
    leaks: 0,
    formulaCells: 0,
    formulas: 0,
    runs: 0,
    commands: 0,
    errorRows: 0,
    knownIssues: {},
  };
}

export function countFault(f: Figures, kind: string, n = 1): void {
  if (n > 0) f.faults[kind] = (f.faults[kind] ?? 0) + n;
}

export function addBadInput(f: Figures, name: string): void {
  if (!f.badInputs.includes(name)) f.badInputs.push(name);
}

/** The key under which a test's figures are stored in its task meta (and the JSON report). */
export const META_KEY = 'reliability';

/** Stores the figures on the running test, for the JSON reporter. */
export function publish(task: { meta: object }, figures: Figures): void {
  (task.meta as Record<string, unknown>)[META_KEY] = JSON.parse(JSON.stringify(figures));
}
